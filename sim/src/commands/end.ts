import type { CommandHandler } from './context';

/** END: the package's commands all run, then the session ends without a P3. */
export const end: CommandHandler = (_input, ctx) => {
  ctx.session.end();
  return Promise.resolve(undefined);
};
