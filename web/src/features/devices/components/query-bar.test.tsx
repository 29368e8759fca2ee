// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/dom';
import { QueryBar } from './query-bar';

afterEach(cleanup);

function setup(value = '') {
  const onApply = vi.fn<(query: string) => void>();
  renderWithProviders(<QueryBar value={value} onApply={onApply} />);
  const input = screen.getByRole('combobox', { name: 'Fleet query' });
  return { onApply, input, user: userEvent.setup() };
}

describe('QueryBar', () => {
  it('shows where a query fails to parse on Enter, and does not apply it', async () => {
    const { onApply, input, user } = setup();
    await user.type(input, 'FwV < ');
    await user.keyboard('{Escape}{Enter}');
    const error = await screen.findByTestId('query-error');
    expect(error).toHaveProperty('role', 'alert');
    expect(error.textContent).toMatch(/^Character \d+: /);
    expect(Number(error.dataset.offset)).toBeGreaterThanOrEqual(4);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(onApply).not.toHaveBeenCalled();
  });

  it('hides the error while typing and shows it again once typing pauses', async () => {
    const { input, user } = setup();
    await user.type(input, 'Mod = ');
    await user.keyboard('{Escape}{Enter}');
    await screen.findByTestId('query-error');
    await user.type(input, '(');
    expect(screen.queryByTestId('query-error')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('query-error')).toBeTruthy(), { timeout: 3_000 });
  });

  it('applies a query that parses, trimmed', async () => {
    const { onApply, input, user } = setup();
    await user.type(input, '  Mod = "Sim-1"  ');
    await user.keyboard('{Escape}{Enter}');
    expect(onApply).toHaveBeenCalledWith('Mod = "Sim-1"');
    expect(screen.queryByTestId('query-error')).toBeNull();
  });

  it('clears the applied query with the clear button', async () => {
    const { onApply, input, user } = setup('Mod = "x"');
    await user.click(screen.getByRole('button', { name: 'Clear query' }));
    expect(onApply).toHaveBeenCalledWith('');
    expect((input as HTMLInputElement).value).toBe('');
  });
});
