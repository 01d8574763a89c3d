/**
 * `metadata.type` values the load tester runs: `cmd` (async, no shell), `bash` (blocking, `bash -c`),
 * `helm`/`helmv3`/`kubectl` (blocking, the bundled tool). Flagger's `concord` and `ngrinder` are not offered.
 */
export const TaskTypes = ['cmd', 'bash', 'helm', 'helmv3', 'kubectl'] as const;
export type TaskType = (typeof TaskTypes)[number];

/** Whether `value` names a task type this load tester runs. */
export function isTaskType(value: string): value is TaskType {
  return (TaskTypes as readonly string[]).includes(value);
}
