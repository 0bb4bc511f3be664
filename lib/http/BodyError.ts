/** Why a request body cannot be read as asked; `status` is the HTTP status that says so (413, 400, ...). */
export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
