// A real nginx in front of a test server: Debian's package (.ci/run installs it). Missing nginx
// fails the tests that need it, in CI and elsewhere.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/lib/net/free-port";

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((bin) => fs.existsSync(bin));

export interface RunningNginx {
  url: string;
  stop(): Promise<void>;
}

/**
 * nginx as the usual reverse proxy: appends the peer to X-Forwarded-For, sets X-Forwarded-Proto
 * and -Host, and connects to the upstream from `bindAddress` (another loopback address, so the
 * app can tell nginx from a client that connects directly).
 */
export async function startNginx(upstream: string, bindAddress: string): Promise<RunningNginx> {
  if (!NGINX) throw new Error("nginx is not installed (apt-get install -y nginx); the trusted-proxy tests need a real one");
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-nginx-"));
  const port = await freePort();
  const config = `
${process.getuid?.() === 0 ? "user root;" : ""}
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass ${upstream};
      proxy_bind ${bindAddress};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
    }
  }
}`;
  fs.writeFileSync(path.join(prefix, "nginx.conf"), config);
  const child: ChildProcess = spawn(NGINX, ["-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    const up = await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGQUIT");
        await exited;
      }
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}
