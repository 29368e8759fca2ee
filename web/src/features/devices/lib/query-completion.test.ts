import { describe, expect, it } from 'vitest';
import { completeQuery } from './query-completion';

const inserts = (text: string, caret = text.length): string[] =>
  completeQuery(text, caret).items.map((i) => i.insert);

describe('completeQuery', () => {
  it('offers fields and MO aliases at the start and after AND / OR / NOT / (', () => {
    expect(inserts('')).toEqual(expect.arrayContaining(['Mod ', 'lastSeen ', '@FUMO/', '@DevInfo/']));
    expect(inserts('Mod = "a" AND Fw')).toEqual(['FwV ']);
    expect(inserts('(la')).toEqual(['Lang ', 'label ', 'lastSeen ']);
  });

  it('offers node paths of an MO from the meta-data, placeholders as *', () => {
    expect(inserts('@FUMO/St')).toEqual(['@FUMO/State ']);
    expect(inserts('@scomo/Inventory/Deployed/')).toEqual(
      expect.arrayContaining(['@SCOMO/Inventory/Deployed/*/State ']),
    );
    expect(completeQuery('Mod = "a" AND @FU', 17)).toMatchObject({ from: 14, to: 17 });
  });

  it('offers operators after a field, values after an operator, keywords after a value', () => {
    expect(inserts('Mod ')).toEqual(expect.arrayContaining(['= ', '~ ', 'IN (']));
    expect(inserts('online = ')).toEqual(['true ', 'false ']);
    expect(inserts('lastSeen > -')).toEqual(expect.arrayContaining(['-1h ', '-7d ']));
    expect(inserts('Mod = "x" ')).toEqual(['AND ', 'OR ']);
  });

  it('offers the profile term, its operators and the statuses', () => {
    expect(inserts('Mod = "a" AND pro')).toEqual(['profile "']);
    expect(inserts('profile "wifi-eu" ')).toEqual(['= ', '!= ']);
    expect(inserts('profile "wifi-eu" = ')).toEqual(['verified ', 'pending ', 'failed ', 'conflicted ']);
    expect(inserts('profile "wifi-eu" = f')).toEqual(['failed ']);
  });

  it('replaces the whole word around the caret', () => {
    expect(completeQuery('Mo = "a"', 1)).toMatchObject({ from: 0, to: 2 });
  });
});
