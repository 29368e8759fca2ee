// npm run rotate-secret-key [-- --allow-basic-loss]: seals every device secret under a new secret key
// (SECURITY.md, "Secrets at rest"). Stop every server on the database first. Ships with the server, so
// a container runs it as `node --import tsx bff/src/secrets/rotate-main.ts`.
import { runRotation } from './rotate-command';

try {
  const { lines } = await runRotation(process.env, process.argv.slice(2));
  for (const line of lines) console.log(line);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
