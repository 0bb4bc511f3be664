import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-3xl space-y-3 p-6">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p><Link href="/" className="text-sky-700 hover:underline dark:text-sky-400">Back to the trace list</Link></p>
    </main>
  );
}
