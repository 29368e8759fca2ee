// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_STATES, FINAL_COMMAND_STATES } from '@dmc/shared/api';
import { CommandStateBadge } from '../../../components/ui/command-state-badge';
import { renderWithProviders } from '../../../test/dom';
import { TrackedCommandBadge } from './tracked-command-badge';

afterEach(cleanup);

const tracked = { id: 'c1', label: 'Refresh', clientUri: 'x' };

describe('command state badges', () => {
  it.each(COMMAND_STATES)('say the state %s in words, and pulse only while it may still change', (state) => {
    renderWithProviders(
      <>
        <CommandStateBadge state={state} />
        <TrackedCommandBadge command={{ ...tracked, state, sc: null }} />
      </>,
    );
    expect(screen.getAllByText(state)).toHaveLength(2);
    const badge = screen.getByTestId('tracked-command');
    expect(badge.dataset.state).toBe(state);
    const isFinal = FINAL_COMMAND_STATES.includes(state);
    expect(badge.querySelector('.dmc-pulse') !== null).toBe(!isFinal);
  });

  it('adds the status code once the device answered', () => {
    renderWithProviders(<TrackedCommandBadge command={{ ...tracked, state: 'failed', sc: 405 }} />);
    expect(screen.getByTestId('tracked-command').textContent).toBe('Refreshfailed · 405');
  });
});
