/** A Logger that keeps every line, for tests that check what the daemon said (and that nothing secret was said). */
import type { Logger } from '../../src/common/logger.js';

/** One captured log line. */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly fields: Record<string, unknown>;
}

/** A Logger writing to `lines`. */
export function captureLogger(lines: LogLine[] = []): Logger & { readonly lines: LogLine[] } {
  const at = (level: LogLine['level']) => (fields: Record<string, unknown>, msg: string): void => { lines.push({ level, msg, fields }); };
  const logger: Logger & { readonly lines: LogLine[] } = {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
    setLevel: () => undefined,
  };
  return logger;
}
