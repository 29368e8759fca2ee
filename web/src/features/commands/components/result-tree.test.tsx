// @vitest-environment jsdom
// A command's result reads as a tree of nodes and values that opens and closes, not one line of JSON.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/dom';
import { command } from '../../../test/fixtures';
import { MAX_CHILDREN, resultSummary, toResultNode } from '../lib/result-nodes';
import { CommandResult } from './command-result';

afterEach(cleanup);

const GET_RESULT = {
  Data: [
    {
      ClientURI: 'urn:oma:mo:oma-dcmo:1.0/Camera/',
      MOData: { Camera: { Property: 'Camera', Enabled: 'false', Group: 'Hardware' } },
    },
  ],
};

describe('result nodes', () => {
  it('turn objects and arrays into named branches and values into leaves', () => {
    const node = toResultNode('', GET_RESULT);
    expect(node).toMatchObject({ kind: 'branch', count: 1 });
    expect(resultSummary(GET_RESULT)).toBe('Data');
    expect(resultSummary({ a: 1, b: 2, c: 3, d: 4, e: 5 })).toBe('a, b, c, d … (5)');
  });

  it('keep at most MAX_CHILDREN children and count the rest', () => {
    const wide = Object.fromEntries(Array.from({ length: MAX_CHILDREN + 5 }, (_, i) => [`n${i}`, i]));
    const node = toResultNode('', wide);
    expect(node.kind === 'branch' && [node.children.length, node.hidden]).toEqual([MAX_CHILDREN, 5]);
  });
});

describe('CommandResult', () => {
  it('shows a GET’s MO data collapsed, then as nodes with values, folding a branch on click', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <CommandResult
        command={command({
          command: ['GET', 'urn:oma:mo:oma-dcmo:1.0/Camera/'],
          state: 'ok',
          sc: 200,
          result: GET_RESULT,
        })}
      />,
    );
    expect(screen.queryByRole('tree')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Expand result of GET' }));
    const tree = screen.getByRole('tree', { name: 'result of GET' });
    expect(within(tree).getByText('Enabled')).toBeTruthy();
    expect(within(tree).getByText('= false')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy result of GET as JSON' })).toBeTruthy();

    await user.click(within(tree).getByRole('button', { name: /MOData/ }));
    expect(within(tree).queryByText('Enabled')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Collapse result of GET' }));
    expect(screen.queryByRole('tree')).toBeNull();
  });

  it('keeps a SHOW’s answer in words', () => {
    renderWithProviders(
      <CommandResult
        command={command({
          command: ['SHOW', 'http://s/ui/t'],
          state: 'ok',
          result: { answer: 'decline' },
          outcome: 'declined',
        })}
      />,
    );
    expect(screen.getByTestId('command-result').textContent).toBe('Answer: Declined');
    expect(screen.queryByTestId('result-view')).toBeNull();
  });
});
