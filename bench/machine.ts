import { arch, cpus, platform, totalmem } from 'node:os';

/** The machine a benchmark ran on, as every report states it. */
export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
}

/** This machine. */
export function describeMachine(): Machine {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown CPU',
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
    platform: `${platform()} ${arch()}`,
  };
}

/** The first lines of a report section: when, on what, and the command that produced it. */
export function measuredOn(date: string, machine: Machine, command: string): string[] {
  return [
    `Measured ${date} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB.toFixed(1)} GiB RAM, ` +
      `Node ${machine.node} (${machine.platform}), with:`,
    '',
    '```sh',
    command,
    '```',
  ];
}
