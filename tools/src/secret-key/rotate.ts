// npm run rotate-secret-key [-- --allow-basic-loss]: seals every device secret under a new secret key
// (SECURITY.md, "Secrets at rest"). Stop every server on the database first.
import { runRotation } from '@dmc/bff/secrets';

try {
  const { lines } = await runRotation(process.env, process.argv.slice(2));
  for (const line of lines) console.log(line);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
