/** The teardown list: each part says how it stops as it is built; stopping runs the list in reverse. */

/** Stop steps in the order the parts were built; `run` undoes them last-first, each guarded. */
export class Teardown {
  private readonly steps: { readonly name: string; readonly stop: () => void | Promise<void> }[] = [];

  /** Registers how to stop the part just built. */
  add(name: string, stop: () => void | Promise<void>): void {
    this.steps.push({ name, stop });
  }

  /** Runs every step, newest first; a failing step is reported and the rest still run. Runs once. */
  async run(onError: (name: string, err: unknown) => void): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.stop();
      } catch (err) {
        onError(step.name, err);
      }
    }
  }
}
