/** The error `fn` throws; fails the test when it returns instead, so assertions on the error always run. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error(`expected ${fn.toString().slice(0, 200)} to throw, and it returned`);
}
