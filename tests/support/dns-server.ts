import dns2 from "dns2";

const { Packet } = dns2;

/** A real authoritative DNS server on loopback (UDP and TCP) whose TXT and CNAME records a test sets. */
export interface TestDnsServer {
  /** `host:port`, as GATEHOUSE_DNS_SERVERS takes it. */
  address: string;
  setTxt(name: string, values: string[] | null): void;
  setCname(name: string, target: string | null): void;
  /** While on, every question about `name` is answered SERVFAIL (a broken or unreachable authority). */
  setServfail(name: string, on: boolean): void;
  close(): Promise<void>;
}

export async function startTestDnsServer(port: number): Promise<TestDnsServer> {
  const txt = new Map<string, string[]>();
  const cname = new Map<string, string>();
  const failing = new Set<string>();
  const server = dns2.createServer({
    udp: true,
    tcp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const name = (question?.name ?? "").toLowerCase().replace(/\.$/, "");
      if (failing.has(name)) {
        response.header.rcode = Packet.RCODE.SERVFAIL;
        send(response);
        return;
      }
      const texts = txt.get(name);
      const alias = cname.get(name);
      if (question?.type === Packet.TYPE.TXT && texts) {
        for (const data of texts) response.answers.push({ name: question.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 0, data } as never);
      } else if (alias && question) {
        response.answers.push({ name: question.name, type: Packet.TYPE.CNAME, class: Packet.CLASS.IN, ttl: 0, domain: alias } as never);
      } else if (!texts) {
        response.header.rcode = Packet.RCODE.NXDOMAIN;
      }
      send(response);
    },
  });
  await server.listen({ udp: { port, address: "127.0.0.1" }, tcp: { port, address: "127.0.0.1" } });
  return {
    address: `127.0.0.1:${port}`,
    setTxt: (name, values) => (values ? txt.set(name.toLowerCase(), values) : txt.delete(name.toLowerCase())),
    setCname: (name, target) => (target ? cname.set(name.toLowerCase(), target) : cname.delete(name.toLowerCase())),
    setServfail: (name, on) => (on ? failing.add(name.toLowerCase()) : failing.delete(name.toLowerCase())),
    close: () => server.close(),
  };
}
