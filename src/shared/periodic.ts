// A background round every intervalMs (0: none, rounds run only when called), on a
// timer that does not keep the process alive; stop() clears it. The sweeps and folds
// share this; what a round does, and whether it skips while one is busy, is theirs.
export function everyInterval(intervalMs: number, round: () => void): { stop(): void } {
  const timer = intervalMs > 0 ? setInterval(round, intervalMs) : undefined;
  timer?.unref();
  return { stop: () => timer && clearInterval(timer) };
}
