import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { notification } from '../../../test/support/alert-notifications.js';
import { receiverDeps } from '../../../test/support/receiver-deps.js';
import { classifySmtpError, emailReceiver } from './email.js';

/** A mail as the tiny SMTP server took it. */
interface Mail { from: string; to: string[]; data: string; auth: string | null }

/** A tiny SMTP server on 127.0.0.1:0 (no TLS): AUTH PLAIN, 550 for `unknown@`, 451 for `busy@`. */
async function startSmtp(): Promise<{ port: number; mails: Mail[]; close: () => Promise<void> }> {
  const mails: Mail[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    let inData = false;
    let mail: Mail = { from: '', to: [], data: '', auth: null };
    const reply = (line: string): void => { socket.write(`${line}\r\n`); };
    reply('220 mail.test ESMTP');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          mail.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push(mail);
          mail = { from: '', to: [], data: '', auth: mail.auth };
          reply('250 queued');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') reply('250-mail.test\r\n250-AUTH PLAIN\r\n250 8BITMIME');
        else if (verb === 'AUTH') { mail.auth = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8'); reply('235 ok'); }
        else if (verb === 'MAIL') { mail.from = line; reply('250 ok'); }
        else if (verb === 'RCPT') {
          if (line.includes('unknown@')) reply('550 no such mailbox');
          else if (line.includes('busy@')) reply('451 try again later');
          else { mail.to.push(line); reply('250 ok'); }
        } else if (verb === 'DATA') { inData = true; reply('354 go on'); }
        else if (verb === 'QUIT') { reply('221 bye'); socket.end(); }
        else if (verb === 'RSET' || verb === 'NOOP') reply('250 ok');
        else reply('502 not implemented');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr !== null ? addr.port : 0,
    mails,
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => { resolve(); }); }),
  };
}

let smtp: Awaited<ReturnType<typeof startSmtp>> | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});
const signal = (): AbortSignal => new AbortController().signal;

describe('e-mail receiver against a tiny local SMTP server', () => {
  it('delivers a bilingual mail with the delivery id header, logging in with the referenced password', async () => {
    smtp = await startSmtp();
    const deps = receiverDeps({ MAIL_PASS: 'p4ss-w0rd-x' });
    const mailer = emailReceiver.build({ name: 'mail', type: 'email', host: '127.0.0.1', port: smtp.port, tls: 'none', from: 'redline@example.net', to: ['noc@example.net'], user: 'redline', password: { env: 'MAIL_PASS' } }, deps);
    expect(await mailer.deliver(notification('d-mail-1', 'mail'), signal())).toEqual({ ok: true, retryable: false });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.auth).toBe('\u0000redline\u0000p4ss-w0rd-x');
    expect(mail.to).toEqual(['RCPT TO:<noc@example.net>']);
    expect(mail.data).toContain('X-Redline-Delivery: d-mail-1');
    expect(mail.data).toMatch(/^Subject: =\?UTF-8\?/m);
  });

  it('a 5xx mailbox refusal is permanent, a 4xx is retried', async () => {
    smtp = await startSmtp();
    const deps = receiverDeps({});
    const to = (addr: string): ReturnType<typeof emailReceiver.build> => emailReceiver.build({ name: 'mail', type: 'email', host: '127.0.0.1', port: smtp!.port, tls: 'none', from: 'redline@example.net', to: [addr] }, deps);
    expect(await to('unknown@example.net').deliver(notification('d-1', 'mail'), signal())).toMatchObject({ ok: false, retryable: false });
    expect(await to('busy@example.net').deliver(notification('d-2', 'mail'), signal())).toMatchObject({ ok: false, retryable: true });
    expect(smtp.mails).toHaveLength(0);
  });

  it('with STARTTLS required (the default) it sends nothing to a server that does not offer it', async () => {
    smtp = await startSmtp();
    const mailer = emailReceiver.build({ name: 'mail', type: 'email', host: '127.0.0.1', port: smtp.port, from: 'redline@example.net', to: ['noc@example.net'] }, receiverDeps({}));
    expect(await mailer.deliver(notification('d-1', 'mail'), signal())).toMatchObject({ ok: false });
    expect(smtp.mails).toHaveLength(0);
  });

  it('classifies SMTP failures by reply class', () => {
    expect(classifySmtpError(Object.assign(new Error('x'), { responseCode: 554 }))).toMatchObject({ retryable: false });
    expect(classifySmtpError(Object.assign(new Error('x'), { responseCode: 421 }))).toMatchObject({ retryable: true });
    expect(classifySmtpError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toMatchObject({ retryable: true, error: 'smtp: ESOCKET: connect ECONNREFUSED' });
  });
});
