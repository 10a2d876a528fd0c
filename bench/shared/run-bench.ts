/**
 * Runs a bench's main and ends the process when it is done, whatever handles a library left open
 * (a BullMQ worker's duplicated connection, a kafkajs socket): `npm run bench` runs the benches one
 * after another and must never wait on one that has finished. A failure exits 1 with its reason.
 */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
