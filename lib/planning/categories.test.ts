import { describe, expect, it } from 'vitest';
import { rosterSeats } from './categories';

describe('rosterSeats: who of the roster sits in a meeting, and who votes', () => {
  const roster = [
    { id: 'council', categories: ['council_member'] },
    { id: 'party', categories: ['party_committee'] },
    { id: 'both', categories: ['party_committee', 'council_member'] },
    { id: 'resident', categories: ['resident'] },
    { id: 'neighbour', categories: ['stakeholder'] },
  ];

  it('seats the invited categories; voting categories vote, the others take part without a vote', () => {
    expect(rosterSeats(roster, ['council_member', 'party_committee'], [])).toEqual([
      { memberId: 'council', canVote: true }, { memberId: 'party', canVote: false }, { memberId: 'both', canVote: true },
    ]);
  });

  it('adds people invited by name without a vote unless a voting category of theirs is invited', () => {
    expect(rosterSeats(roster, ['resident'], ['neighbour', 'council'])).toEqual([
      { memberId: 'council', canVote: false }, { memberId: 'resident', canVote: true }, { memberId: 'neighbour', canVote: false },
    ]);
  });

  it('seats nobody when nothing matches', () => {
    expect(rosterSeats(roster, ['expert'], [])).toEqual([]);
  });
});
