import { describe, expect, it } from 'vitest';
import { defaultConvener, type PostHolder } from './convener';

const holders: PostHolder[] = [
  { staffId: 'lead-a', post: 'compound_lead', placeId: 'compound-a' },
  { staffId: 'grid-1', post: 'grid_lead', placeId: 'grid-1' },
  { staffId: 'director', post: 'committee_director', placeId: 'community' },
  { staffId: 'secretary', post: 'party_secretary', placeId: 'community' },
];

describe('default convener by level', () => {
  it('is the compound’s 小区议事负责人, the grid’s 网格长, the community’s party secretary before the director', () => {
    expect(defaultConvener('compound', 'compound-a', holders)).toBe('lead-a');
    expect(defaultConvener('grid', 'grid-1', holders)).toBe('grid-1');
    expect(defaultConvener('community', 'community', holders)).toBe('secretary');
    expect(defaultConvener('community', 'community', holders.filter((h) => h.post !== 'party_secretary'))).toBe('director');
  });

  it('is nobody when the place has no holder of the post (a grid lead does not convene a compound)', () => {
    expect(defaultConvener('compound', 'compound-b', holders)).toBeNull();
    expect(defaultConvener('compound', 'grid-1', holders)).toBeNull();
  });
});
