import { SMTPServer } from "smtp-server";

/** One message as the server received it: envelope recipients and the raw RFC 5322 text. */
export interface ReceivedMail {
  to: string[];
  raw: string;
  /** The raw text with quoted-printable soft breaks and escapes undone (links are whole again). */
  decoded: string;
}

/** A real SMTP server on loopback that accepts any message and keeps it for the test to read. */
export interface TestSmtpServer {
  /** `smtp://127.0.0.1:port`, as GATEHOUSE_SMTP_URL takes it. */
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

export function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Starts the server on 127.0.0.1:`port`. Recipients whose address starts with `reject` are refused
 * with a permanent 550, the way a real server refuses an unknown mailbox.
 */
export async function startTestSmtpServer(port: number): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("reject")) callback(Object.assign(new Error("5.1.1 Mailbox unavailable"), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, decoded: decodeQuotedPrintable(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
