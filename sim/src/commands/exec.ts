import type { DmAlert } from '@dmc/shared/protocol';
import { STATUS } from '@dmc/shared/protocol';
import { findExecJob, type ExecOutcome } from '../exec';
import { isHttpUrl, refused, status, type CommandHandler } from './context';

function outcomeAlert(alertType: string, sourceUri: string, outcome: ExecOutcome): DmAlert {
  return {
    AlertType: alertType,
    SourceURI: sourceUri,
    ...(outcome.targetUri === undefined ? {} : { TargetURI: outcome.targetUri }),
    Mark: outcome.success ? 'informational' : 'critical',
    DataType: 'int',
    Data: { ResultCode: outcome.resultCode, DM1x: outcome.resultCode },
  };
}

/**
 * EXEC ClientURI [, ServerURI]: with a ServerURI answers 202 and reports the outcome as a Generic
 * Alert in a new session there (protocol §4); without one it runs to the end and answers 200/500.
 */
export const exec: CommandHandler = async ({ clientUris: [clientUri], serverUri }, ctx) => {
  if (serverUri !== undefined && !isHttpUrl(serverUri)) return status(STATUS.BAD_REQUEST);
  const { store } = ctx.device;
  const uri = store.parse(clientUri ?? '');
  if (!uri.ok) return refused(ctx, 'EXEC', uri);
  const found = store.resolve(uri.value);
  if (!found.ok) return refused(ctx, 'EXEC', found);
  const [location, ...more] = found.value;
  if (location === undefined || more.length > 0) return status(STATUS.CONFLICT);
  const meta = store.nodeMeta(location.moid, location.path);
  const job = findExecJob(
    {
      store,
      downloads: ctx.device.downloads,
      log: (line) => ctx.device.log(line),
      firmwareLies: () => ctx.device.firmwareLies(),
    },
    location,
  );
  const permitted = meta === undefined ? job !== undefined : meta.AccessType.includes('Exec');
  if (!permitted)
    return refused(ctx, 'EXEC', { sc: STATUS.NOT_ALLOWED, message: 'the node is not executable' });
  if (job === undefined) return status(STATUS.OK);
  const source = clientUri ?? '';
  if (serverUri !== undefined) {
    ctx.device.reportLater(serverUri, async () => outcomeAlert(job.alertType, source, await job.run()));
    return status(STATUS.ACCEPTED);
  }
  const outcome = await job.run();
  return status(outcome.success ? STATUS.OK : STATUS.COMMAND_FAILED);
};
