import { viewQueryProblem } from './saved-view.dto';

describe('saved view query', () => {
  it('accepts the query strings the queue writes', () => {
    expect(viewQueryProblem('')).toBeNull();
    expect(viewQueryProblem('status=all&channel=hotline&kind=complaint')).toBeNull();
    expect(
      viewQueryProblem(new URLSearchParams({ q: '加装电梯 补贴', street: '共和新路街道' }).toString()),
    ).toBeNull();
  });

  it('names what is wrong with anything else', () => {
    expect(viewQueryProblem('?status=all')).toContain('"?"');
    expect(viewQueryProblem('status=all#x')).toContain('URL-encoded');
    expect(viewQueryProblem('q=<script>')).toContain('URL-encoded');
    expect(viewQueryProblem('1bad=x')).toContain('"1bad"');
    expect(viewQueryProblem(Array.from({ length: 21 }, (_, i) => `p${i}=1`).join('&'))).toContain(
      'at most 20',
    );
  });
});
