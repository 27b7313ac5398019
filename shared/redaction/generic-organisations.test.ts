/**
 * FACILITY by organisation suffix (generic-organisations.ts), both ways. The names are invented for
 * these tests, not taken from any evaluation set.
 */
import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';

function facilities(text: string): string[] {
  return detectSpans(text)
    .filter((span) => span.type === 'FACILITY')
    .map((span) => text.slice(span.start, span.end));
}

describe('Korean company and work-unit names by suffix', () => {
  it.each([
    ['처음에는 새봄전자라는 공장에 다녔어요.', '새봄전자'],
    ['오빠는 동해정밀에서 용접을 해요.', '동해정밀'],
    ['그 사람은 금강무역회사 지배인이었어요.', '금강무역회사'],
    ['남편은 태광물산으로 옮겼어요.', '태광물산'],
    ['어머니는 해오름상회에서 일했어요.', '해오름상회'],
    ['외삼촌은 제6총국 사람이었어요.', '제6총국'],
    ['동생은 은하 병원에서 태어났어요.', '은하 병원'],
  ])('finds the organisation in %s', (text, name) => {
    expect(facilities(text)).toContain(name);
  });

  it.each([
    ['회사에서 일하다가 병원에 갔어요.'.slice(5)],
    ['회사는 작아요. 아파서 병원에 갔어요.'],
    ['중국무역을 하는 사람을 만났어요.'],
    ['직장상사가 저를 도와줬어요.'],
    ['관광산업이 발달한 곳이에요.'],
    ['우리회사는 작아요. 거기 병원에 갔어요.'],
    ['작은 병원에 입원했어요. 다니던 학교에서 쫓겨났어요.'],
    ['그 사람은 제3국으로 갔어요.'],
    ['종합병원과 종합상사 사이에 살았어요.'],
    ['한 번 장마당에서 배를 타고 갔어요.'],
  ])('finds no organisation in %s', (text) => {
    expect(facilities(text)).toEqual([]);
  });
});

describe('English company names by suffix', () => {
  it.each([
    ['I got a job at Mirae Logistics in the port.', 'Mirae Logistics'],
    ['She sewed uniforms for Haesong Textiles.', 'Haesong Textiles'],
    ['My brother welds at Samhwa Heavy Industries now.', 'Samhwa Heavy Industries'],
    ['They held me at the Musan county police station for a week.', 'Musan county police station'],
  ])('finds the organisation in %s', (text, name) => {
    expect(facilities(text)).toContain(name);
  });

  it.each([
    ['The Logistics were hard. Trading was illegal.'],
    ['Our Group crossed at night.'],
    ['He worked in construction and shipping for years.'],
    ['The city police station was closed.'],
  ])('finds no organisation in %s', (text) => {
    expect(facilities(text)).toEqual([]);
  });
});
