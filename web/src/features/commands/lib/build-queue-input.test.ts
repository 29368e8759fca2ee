import { describe, expect, it } from 'vitest';
import { buildQueueInput } from './build-queue-input';
import { EMPTY_DRAFT, type ComposerDraft } from './composer-draft';

const draft = (patch: Partial<ComposerDraft>): ComposerDraft => ({ ...EMPTY_DRAFT, ...patch });

describe('buildQueueInput', () => {
  it('builds a GET and an EXEC from the ClientURI', () => {
    expect(
      buildQueueInput(draft({ kind: 'GET', clientUri: ' urn:oma:mo:oma-dm-devinfo:1.0//FwV ' })),
    ).toEqual({
      ok: true,
      input: { command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//FwV'] },
    });
    const exec = buildQueueInput(
      draft({ kind: 'EXEC', clientUri: 'urn:oma:mo:oma-dcmo:1.0/Camera/Operations/Disable' }),
    );
    expect(exec.ok && exec.input.command).toEqual([
      'EXEC',
      'urn:oma:mo:oma-dcmo:1.0/Camera/Operations/Disable',
    ]);
  });

  it('writes a value keyed by the addressed node, through a server-hosted HGET', () => {
    const built = buildQueueInput(
      draft({ kind: 'HGET', clientUri: 'urn:oma:mo:oma-fumo:1.0/fw/PkgName', value: 'fw-2.0', ttlMin: '10' }),
    );
    expect(built).toEqual({
      ok: true,
      input: {
        command: ['HGET', null, 'urn:oma:mo:oma-fumo:1.0/fw/PkgName'],
        data: { PkgName: 'fw-2.0' },
        ttlS: 600,
      },
    });
  });

  it('asks for JSON MO data when an instance root is written, and refuses bad JSON', () => {
    const root = buildQueueInput(
      draft({ kind: 'HGET', clientUri: 'urn:oma:mo:oma-fumo:1.0/fw/', value: 'x' }),
    );
    expect(root).toMatchObject({ ok: false, field: 'clientUri' });
    const bad = buildQueueInput(
      draft({ kind: 'HGET', clientUri: 'urn:x:y/a/B', writeMode: 'json', json: '[1]' }),
    );
    expect(bad).toMatchObject({ ok: false, field: 'json' });
  });

  it('builds SHOW from a page, a form page with its schema, or a template', () => {
    const page = buildQueueInput(
      draft({ kind: 'SHOW', pageKind: 'info', pageTitle: 'Hi', pageText: 'Restart at 2' }),
    );
    expect(page).toEqual({
      ok: true,
      input: { command: ['SHOW', null], page: { kind: 'info', title: 'Hi', text: 'Restart at 2' } },
    });
    const form = buildQueueInput(
      draft({ kind: 'SHOW', pageKind: 'form', pageTitle: 'Where?', pageText: 'Tell us', pageSchema: 'nope' }),
    );
    expect(form).toMatchObject({ ok: false, field: 'pageSchema' });
    const empty = buildQueueInput(draft({ kind: 'SHOW', pageKind: 'consent', pageTitle: '', pageText: 'x' }));
    expect(empty).toMatchObject({ ok: false, field: 'pageTitle' });
    const template = buildQueueInput(draft({ kind: 'SHOW', pageSource: 'template', templateId: 't1' }));
    expect(template).toEqual({ ok: true, input: { command: ['SHOW', null], pageTemplateId: 't1' } });
  });

  it('builds DEFAULT, HPUT with the server inbox, and SUB with an explicit ServerURI', () => {
    const def = buildQueueInput(
      draft({ kind: 'DEFAULT', moid: 'urn:oma:mo:oma-scomo:1.0', json: '{"A": "1"}' }),
    );
    expect(def).toEqual({
      ok: true,
      input: { command: ['DEFAULT', null, 'urn:oma:mo:oma-scomo:1.0'], data: { A: '1' } },
    });
    const hput = buildQueueInput(draft({ kind: 'HPUT', clientUri: 'urn:oma:mo:oma-dm-devinfo:1.0//' }));
    expect(hput.ok && hput.input.command).toEqual(['HPUT', null, 'urn:oma:mo:oma-dm-devinfo:1.0//']);
    const sub = buildQueueInput(draft({ kind: 'SUB', clientUri: 'urn:x:y//A', serverUri: 'https://h/in' }));
    expect(sub.ok && sub.input.command).toEqual(['SUB', 'https://h/in', 'urn:x:y//A']);
  });

  it('names the missing or wrong input', () => {
    expect(buildQueueInput(draft({ kind: 'GET' }))).toMatchObject({ ok: false, field: 'clientUri' });
    expect(buildQueueInput(draft({ kind: 'DEFAULT', json: '{}' }))).toMatchObject({
      ok: false,
      field: 'moid',
    });
    expect(buildQueueInput(draft({ kind: 'GET', clientUri: 'urn:x:y//A', ttlMin: 'soon' }))).toMatchObject({
      ok: false,
      field: 'ttlMin',
    });
  });
});
