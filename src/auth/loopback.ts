/** Whether a listen host is a loopback address: the only place redline may listen without authentication. */

/** True for localhost, 127.0.0.0/8 and ::1 (with or without brackets). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (/^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The host part of `host:port` / `[v6]:port`. */
export function listenHostOf(listen: string): string {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(listen);
  return m === null ? listen : m[1]!;
}
