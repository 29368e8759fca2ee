import { describe, expect, it } from 'vitest';
import { alertResultCode, isOperationOutcomeAlert } from './alert-result';
import { FUMO_DM1X_ALERT_TYPES, OPERATION_COMPLETE_ALERT_TYPES } from './alert.schema';
import {
  describeFumoResult,
  describeFumoState,
  describeScomoResult,
  describeStatus,
  FUMO_STATES,
  isSuccessfulResult,
} from './status-codes';

describe('result vocabulary', () => {
  it.each([
    [200, /Successful/],
    [260, /vendor-specific/],
    [402, /Corrupted/],
    [412, /unavailable/],
    [470, /Client error \(vendor/],
    [503, /network/],
    [580, /vendor-specific/],
    [42, /Unknown/],
  ])('describes FUMO result %i', (code, text) => {
    expect(describeFumoResult(code)).toMatch(text);
  });
  it.each([
    [1200, /Successful/],
    [1275, /vendor-specific/],
    [1410, /unsupported environment/],
    [1502, /Install failed/],
    [404, /validation/],
    [7, /Unknown/],
  ])('describes SCOMO result %i', (code, text) => {
    expect(describeScomoResult(code)).toMatch(text);
  });
  it('names every FUMO state and flags unknown ones', () => {
    expect(Object.values(FUMO_STATES).map(describeFumoState)).not.toContain(expect.stringMatching(/Unknown/));
    expect(describeFumoState(FUMO_STATES.DOWNLOAD_COMPLETE)).toBe('Download Complete');
    expect(describeFumoState(55)).toMatch(/Unknown/);
  });
  it('classifies success', () => {
    expect([200, 299, 1200, 1250].every(isSuccessfulResult)).toBe(true);
    expect([202.5, 300, 400, 1400, 1199].some(isSuccessfulResult)).toBe(false);
    expect(describeStatus(409)).toMatch(/ambiguous/);
  });
});

describe('outcome alerts', () => {
  it('recognises URN and reverse-domain outcome types', () => {
    expect(isOperationOutcomeAlert(OPERATION_COMPLETE_ALERT_TYPES.dcmo)).toBe(true);
    expect(isOperationOutcomeAlert(FUMO_DM1X_ALERT_TYPES.downloadAndUpdate)).toBe(true);
    expect(isOperationOutcomeAlert('urn:oma:at:lawmo:1.0:OperationComplete')).toBe(true);
    expect(isOperationOutcomeAlert(FUMO_DM1X_ALERT_TYPES.userRequest)).toBe(false);
    expect(isOperationOutcomeAlert('urn:oma:at:dm:2.0:ClientInitiatedMgmt')).toBe(false);
  });
  it.each([
    [{ DM1x: 200 }, 200],
    [{ DM1x: '1404' }, 1404],
    [{ DM1x: '<ResultCode>1200</ResultCode><Identifier>c1</Identifier>' }, 1200],
    [{ ResultCode: 402 }, 402],
    [{ DM1x: 'oops' }, undefined],
    [{ DM1x: 2.5 }, undefined],
    [undefined, undefined],
  ])('reads the result code from %j', (data, code) => {
    expect(alertResultCode(data === undefined ? {} : { Data: data })).toBe(code);
  });
});

describe('describeStatus for outcome codes', () => {
  it('reads SCOMO/DCMO 1200-range codes as success, not as a failure', () => {
    expect(describeStatus(1200)).toMatch(/success/i);
    expect(describeStatus(1200)).not.toMatch(/failed/i);
  });
});
