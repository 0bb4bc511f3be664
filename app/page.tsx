export default function Home() {
  return (
    <main className="mx-auto max-w-5xl p-6">
      <h1 className="text-2xl font-semibold">ostrace</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">OSprofiler traces, collected and drawn.</p>
    </main>
  );
}
