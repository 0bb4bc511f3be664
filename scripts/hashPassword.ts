// `npm run hash-password [-- name]`: an scrypt hash for OSTRACE_USERS. The password is read from
// the terminal without echo (asked twice), or from the first line of stdin when piped, never from
// the command line, where it would stay in the shell's history and be visible in `ps`.
import { createInterface } from "node:readline";
import { hashPassword } from "../lib/http/access/hashPassword";

const name = process.argv[2];
if (name !== undefined && !/^[A-Za-z0-9._@+-]{1,64}$/.test(name)) {
  console.error("hash-password: a user name is 1-64 letters, digits or . _ @ + -");
  process.exit(2);
}

async function readHidden(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  let typed = "";
  return new Promise((resolve) => {
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          process.stderr.write("\n");
          resolve(typed);
          return;
        }
        if (char === "\u0003") {
          stdin.setRawMode(false);
          process.stderr.write("\n");
          process.exit(130);
        }
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on("data", onData);
  });
}

async function readFirstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) return line;
  return "";
}

let password: string;
if (process.stdin.isTTY) {
  password = await readHidden("Password: ");
  if ((await readHidden("Again: ")) !== password) {
    console.error("hash-password: the two passwords differ");
    process.exit(1);
  }
} else {
  password = await readFirstLine();
}
if (password.length < 8) {
  console.error("hash-password: use at least 8 characters");
  process.exit(1);
}
const hash = await hashPassword(password);
console.log(name ? `${name}:${hash}` : hash);
