import { describe, expect, it } from 'vitest';
import adminJson from './nk-admin.json';
import borderJson from './border-and-route.json';
import facilitiesJson from './facilities.json';
import { AdminFile, BorderFile, FacilityFile } from './schema';
import {
  borderPlaces,
  childrenOf,
  facilities,
  getFacility,
  getPlace,
  listBorderPlaces,
  listFacilities,
  listProvinces,
  nkPlaces,
  placeNames,
  provinceOf,
  searchFacilities,
  searchPlaces,
} from './index';

describe('gazetteer data files', () => {
  it('match their schemas', () => {
    expect(() => AdminFile.parse(adminJson)).not.toThrow();
    expect(() => BorderFile.parse(borderJson)).not.toThrow();
    expect(() => FacilityFile.parse(facilitiesJson)).not.toThrow();
  });

  it('have unique ids across places and facilities', () => {
    const ids = [...nkPlaces, ...borderPlaces].map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const facilityIds = facilities.map((f) => f.id);
    expect(new Set(facilityIds).size).toBe(facilityIds.length);
  });

  it('have every parent and facility place in the gazetteer', () => {
    for (const place of [...nkPlaces, ...borderPlaces]) {
      if (place.parent !== undefined) expect(getPlace(place.parent), `${place.id} → ${place.parent}`).toBeDefined();
    }
    for (const facility of facilities) {
      if (facility.place !== undefined) expect(getPlace(facility.place), `${facility.id} → ${facility.place}`).toBeDefined();
    }
  });

  it('give every North Korean division below a province a parent, and provinces none', () => {
    for (const place of nkPlaces) {
      if (place.level === 'province') expect(place.parent).toBeUndefined();
      else expect(place.parent, place.id).toMatch(/^nk-/);
    }
  });

  it('keep koSouth only where it differs from ko', () => {
    for (const place of [...nkPlaces, ...borderPlaces]) {
      if (place.koSouth !== undefined) expect(place.koSouth).not.toBe(place.ko);
    }
  });

  it('have mrAscii equal to mr without diacritics and apostrophes', () => {
    for (const place of nkPlaces) {
      const stripped = place.mr.normalize('NFD').replace(/\p{M}/gu, '').replace(/['’]/g, '');
      expect(place.mrAscii, place.id).toBe(stripped);
    }
  });

  it('list the twelve first-level divisions', () => {
    const provinces = listProvinces().map((p) => p.ko);
    expect(provinces).toHaveLength(12);
    expect(provinces).toEqual(
      expect.arrayContaining(['평양직할시', '라선특별시', '남포특별시', '함경북도', '함경남도', '량강도', '자강도', '평안북도', '평안남도', '황해북도', '황해남도', '강원도']),
    );
  });

  it('have plausible numbers of cities, counties and districts per province', () => {
    const expected: Record<string, [number, number]> = {
      'nk-pyongyang': [18, 22],
      'nk-rason': [2, 3],
      'nk-nampo': [5, 8],
      'nk-hamgyongbuk-do': [14, 17],
      'nk-ryanggang-do': [11, 13],
      'nk-hamgyongnam-do': [17, 21],
      'nk-chagang-do': [17, 19],
      'nk-pyonganbuk-do': [24, 26],
      'nk-pyongannam-do': [19, 23],
      'nk-hwanghaebuk-do': [19, 22],
      'nk-hwanghaenam-do': [19, 21],
      'nk-kangwon-do': [16, 18],
    };
    let total = 0;
    for (const [id, [min, max]] of Object.entries(expected)) {
      const count = childrenOf(id).length;
      total += count;
      expect(count, id).toBeGreaterThanOrEqual(min);
      expect(count, id).toBeLessThanOrEqual(max);
    }
    expect(total).toBeGreaterThanOrEqual(190);
  });
});

describe('lookup', () => {
  it('finds a place by id', () => {
    expect(getPlace('nk-hoeryong-si')?.ko).toBe('회령시');
    expect(getPlace('cn-yanji')?.country).toBe('CN');
    expect(getPlace('nowhere')).toBeUndefined();
  });

  it.each(['Hoeryong', 'Hoeryŏng', 'Hoeryeong', '회령', '회령시', 'hoeryong-si', 'HOERYONG', '會寧'])(
    '"%s" finds 회령시 first',
    (query) => {
      expect(searchPlaces(query, 5)[0]?.id).toBe('nk-hoeryong-si');
    },
  );

  it.each([
    ['양강도', 'nk-ryanggang-do'],
    ['량강도', 'nk-ryanggang-do'],
    ['Yanggang', 'nk-ryanggang-do'],
    ['Ryanggang-do', 'nk-ryanggang-do'],
    ['영변', 'nk-nyongbyon-gun'],
    ['Yongbyon', 'nk-nyongbyon-gun'],
    ['용천군', 'nk-ryongchon-gun'],
    ['이원', 'nk-riwon-gun'],
    ['낙원', 'nk-ragwon-gun'],
    ['은율', 'nk-unnyul-gun'],
    ['Onsong', 'nk-onsong-gun'],
    ['온성', 'nk-onsong-gun'],
    ["P'yŏngyang", 'nk-pyongyang'],
    ['North Hamgyong', 'nk-hamgyongbuk-do'],
    ['함북', 'nk-hamgyongbuk-do'],
    ['Sinuiju', 'nk-sinuiju-si'],
    ['신의주', 'nk-sinuiju-si'],
    ['성진', 'nk-kimchaek-si'],
    ['후창', 'nk-kimhyongjik-gun'],
    ['연길', 'cn-yanji'],
    ['Yanji', 'cn-yanji'],
    ['옌지', 'cn-yanji'],
    ['延吉', 'cn-yanji'],
    ['용정', 'cn-longjing'],
    ['Tumen', 'cn-tumen'],
    ['장백', 'cn-changbai'],
    ['단둥', 'cn-dandong'],
    ['Vientiane', 'la-vientiane'],
    ['방콕', 'th-bangkok'],
    ['Ulan Bator', 'mn-ulaanbaatar'],
  ])('"%s" finds %s first', (query, id) => {
    expect(searchPlaces(query, 5)[0]?.id).toBe(id);
  });

  it('matches by prefix and respects the limit', () => {
    expect(searchPlaces('함경', 5).map((p) => p.id).sort()).toEqual(['nk-hamgyongbuk-do', 'nk-hamgyongnam-do']);
    expect(searchPlaces('함경', 1)).toHaveLength(1);
    expect(searchPlaces('Kim', 20).map((p) => p.id)).toEqual(
      expect.arrayContaining(['nk-kimchaek-si', 'nk-kimjongsuk-gun', 'nk-kimhyongjik-gun', 'nk-kimhyonggwon-gun']),
    );
    expect(searchPlaces('', 5)).toEqual([]);
    expect(searchPlaces('zzzz', 5)).toEqual([]);
  });

  it('returns both places that share an ASCII romanisation', () => {
    const ids = searchPlaces('Unsan', 5).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['nk-unsan-gun', 'nk-eunsan-gun']));
  });

  it('generalises a county or district to its province', () => {
    expect(provinceOf('nk-hoeryong-si')?.id).toBe('nk-hamgyongbuk-do');
    expect(provinceOf('nk-chongjin-pohang-guyok')?.id).toBe('nk-hamgyongbuk-do');
    expect(provinceOf('nk-hamgyongbuk-do')?.id).toBe('nk-hamgyongbuk-do');
    expect(provinceOf('nk-mangyongdae-guyok')?.id).toBe('nk-pyongyang');
    expect(provinceOf('cn-sanhe')?.id).toBe('cn-jilin');
    expect(provinceOf('la-vientiane')?.id).toBe('la-vientiane');
    expect(provinceOf('nowhere')).toBeUndefined();
  });

  it('lists every spelling of a place', () => {
    const names = placeNames(getPlace('nk-ryanggang-do')!);
    expect(names).toEqual(expect.arrayContaining(['량강도', '양강도', 'Ryanggang-do', 'Yanggang-do', '兩江道']));
  });
});

describe('facilities', () => {
  it.each([
    ['요덕', 'kwalliso-15-yodok'],
    ['Yodok', 'kwalliso-15-yodok'],
    ['Yodŏk', 'kwalliso-15-yodok'],
    ['Camp 15', 'kwalliso-15-yodok'],
    ['Kwalliso No. 15', 'kwalliso-15-yodok'],
    ['15호 관리소', 'kwalliso-15-yodok'],
    ['Camp 14', 'kwalliso-14-kaechon'],
    ['전거리', 'kyohwaso-12-chongori'],
    ['Chongori', 'kyohwaso-12-chongori'],
    ['Jongori', 'kyohwaso-12-chongori'],
    ['농포집결소', 'jipkyulso-nongpo-chongjin'],
    ['온성 보위부 구류장', 'kuryujang-onsong-bowibu'],
    ['회령 노동단련대', 'rodong-danryondae-hoeryong'],
  ])('"%s" finds %s first', (query, id) => {
    expect(searchFacilities(query, 5)[0]?.id).toBe(id);
  });

  it('covers every kind and links camps to their county', () => {
    const kinds = new Set(facilities.map((f) => f.kind));
    for (const kind of ['kwalliso', 'kyohwaso', 'jipkyulso', 'kuryujang', 'rodong-danryondae']) expect(kinds).toContain(kind);
    expect(getFacility('kwalliso-15-yodok')?.place).toBe('nk-yodok-gun');
    expect(getFacility('kwalliso-16-hwasong')?.number).toBe('16');
    expect(listFacilities('kwalliso').map((f) => f.number)).toEqual(expect.arrayContaining(['14', '15', '16', '25']));
    expect(listBorderPlaces('LA').every((p) => p.country === 'LA')).toBe(true);
  });
});
