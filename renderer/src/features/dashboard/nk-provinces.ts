/**
 * Simplified outlines of North Korea's twelve first-level divisions, drawn for the dashboard map
 * from the general shape of the country (Yalu and Tumen rivers, the two coasts, the Military
 * Demarcation Line) and the approximate course of the provincial boundaries. Approximate on purpose:
 * recognisable at a glance, not for measuring. Vertices are shared between neighbours so that the
 * divisions tile without gaps. Coordinates are longitude, latitude (degrees).
 */
type Point = readonly [lon: number, lat: number];

const P = {
  // Yalu river, from its mouth upstream, then the Tumen downstream to the sea
  yaluMouth: [124.32, 39.98], sakju: [125.05, 40.45], npChagang: [125.75, 40.85], manpo: [126.3, 41.15],
  junggang: [126.85, 41.75], chagangRyanggang: [127.2, 41.55], hyesan: [128.2, 41.4], paektu: [128.08, 42.0],
  ryanggangNh: [128.95, 42.1], musan: [129.25, 42.25], hoeryong: [129.7, 42.45], onsong: [129.95, 43.0],
  kyongwon: [130.15, 42.7], nhRason: [130.25, 42.55], tumenMouth: [130.68, 42.3],
  // east coast, north to south
  rasonCoast: [130.2, 42.12], chongjin: [129.8, 41.78], kyongsong: [129.5, 41.3], kimchaek: [129.2, 40.68],
  nhShCoast: [129.05, 40.55], hongwon: [128.6, 40.2], sinpo: [127.95, 39.95], hungnam: [127.6, 39.82],
  kumya: [127.35, 39.55], wonsan: [127.45, 39.2], tongchon: [127.9, 38.95], dmzEast: [128.35, 38.61],
  // the Military Demarcation Line, east to west
  mdl1: [127.9, 38.3], mdl2: [127.3, 38.3], mdlKangwonHwanghae: [127.05, 38.25], kaesong: [126.65, 37.95], hanMouth: [126.55, 37.75],
  // west coast, south-east to north
  yonan: [126.1, 37.78], haeju: [125.7, 37.98], ongjin: [125.2, 37.72], kangryong: [124.75, 37.95], jangsan: [124.7, 38.15],
  unryul: [125.0, 38.55], taedongSouth: [125.15, 38.62], nampoNorth: [125.15, 38.95], spCoast: [125.2, 39.35],
  chongchonMouth: [125.45, 39.62], npCoast: [125.0, 39.65], cholsan: [124.6, 39.62],
  // inland boundary points
  npChagangInland: [126.0, 40.3], npSpChagang: [126.15, 39.95], npSpInland: [125.9, 39.75], chagangSp: [126.8, 40.05],
  chagangSpSh: [127.15, 40.2], chagangRyanggangInland: [127.3, 41.0], chagangRyanggangSh: [127.25, 40.65],
  ryanggangSh: [128.0, 40.75], ryanggangNhSh: [128.75, 40.95], ryanggangNhInland: [128.85, 41.5], nhRasonInland: [130.0, 42.35],
  spSh: [127.05, 39.7], spShKangwon: [127.0, 39.35], spKangwonHwanghae: [126.8, 38.95], kangwonHwanghae: [126.9, 38.6],
  pyongyangNw: [125.55, 39.2], pyongyangN: [125.95, 39.25], pyongyangE: [126.15, 39.05], pyongyangSe: [126.05, 38.85],
  pyongyangS: [125.75, 38.78], pyongyangW: [125.5, 38.95], nampoNe: [125.4, 39.02], nampoSe: [125.5, 38.7],
  hwanghaeInland1: [125.95, 38.2], hwanghaeInland2: [125.85, 38.5],
} satisfies Record<string, Point>;

type Name = keyof typeof P;

/** Each division as a ring of shared points, keyed by its gazetteer id. */
const RINGS: Record<string, Name[]> = {
  'nk-pyonganbuk-do': ['yaluMouth', 'sakju', 'npChagang', 'npChagangInland', 'npSpChagang', 'npSpInland', 'chongchonMouth', 'npCoast', 'cholsan'],
  'nk-chagang-do': ['npChagang', 'manpo', 'junggang', 'chagangRyanggang', 'chagangRyanggangInland', 'chagangRyanggangSh', 'chagangSpSh', 'chagangSp', 'npSpChagang', 'npChagangInland'],
  'nk-ryanggang-do': ['chagangRyanggang', 'hyesan', 'paektu', 'ryanggangNh', 'ryanggangNhInland', 'ryanggangNhSh', 'ryanggangSh', 'chagangRyanggangSh', 'chagangRyanggangInland'],
  'nk-hamgyongbuk-do': ['ryanggangNh', 'musan', 'hoeryong', 'onsong', 'kyongwon', 'nhRason', 'nhRasonInland', 'rasonCoast', 'chongjin', 'kyongsong', 'kimchaek', 'nhShCoast', 'ryanggangNhSh', 'ryanggangNhInland'],
  'nk-rason': ['nhRason', 'tumenMouth', 'rasonCoast', 'nhRasonInland'],
  'nk-hamgyongnam-do': ['chagangSpSh', 'chagangRyanggangSh', 'ryanggangSh', 'ryanggangNhSh', 'nhShCoast', 'hongwon', 'sinpo', 'hungnam', 'kumya', 'spShKangwon', 'spSh'],
  'nk-pyongannam-do': ['chongchonMouth', 'npSpInland', 'npSpChagang', 'chagangSp', 'chagangSpSh', 'spSh', 'spShKangwon', 'spKangwonHwanghae', 'pyongyangE', 'pyongyangN', 'pyongyangNw', 'pyongyangW', 'nampoNe', 'nampoNorth', 'spCoast'],
  'nk-pyongyang': ['pyongyangNw', 'pyongyangN', 'pyongyangE', 'pyongyangSe', 'pyongyangS', 'pyongyangW'],
  'nk-nampo': ['taedongSouth', 'nampoNorth', 'nampoNe', 'pyongyangW', 'pyongyangS', 'nampoSe'],
  'nk-hwanghaenam-do': ['yonan', 'haeju', 'ongjin', 'kangryong', 'jangsan', 'unryul', 'taedongSouth', 'nampoSe', 'hwanghaeInland2', 'hwanghaeInland1'],
  'nk-hwanghaebuk-do': ['nampoSe', 'pyongyangS', 'pyongyangSe', 'pyongyangE', 'spKangwonHwanghae', 'kangwonHwanghae', 'mdlKangwonHwanghae', 'kaesong', 'hanMouth', 'yonan', 'hwanghaeInland1', 'hwanghaeInland2'],
  'nk-kangwon-do': ['spShKangwon', 'kumya', 'wonsan', 'tongchon', 'dmzEast', 'mdl1', 'mdl2', 'mdlKangwonHwanghae', 'kangwonHwanghae', 'spKangwonHwanghae'],
};

export const MAP_WIDTH = 400;
const WEST = 124.1;
const EAST = 130.9;
const NORTH = 43.2;
const SOUTH = 37.55;
/** Equirectangular with the x axis shrunk by cos(mid-latitude), so the shape is not stretched. */
const X_SCALE = MAP_WIDTH / ((EAST - WEST) * Math.cos(((NORTH + SOUTH) / 2) * (Math.PI / 180)));
export const MAP_HEIGHT = Math.round((NORTH - SOUTH) * X_SCALE);

function project([lon, lat]: Point): [number, number] {
  const x = (lon - WEST) * Math.cos(((NORTH + SOUTH) / 2) * (Math.PI / 180)) * X_SCALE;
  const y = (NORTH - lat) * X_SCALE;
  return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
}

export interface ProvinceShape {
  id: string;
  path: string;
  /** Where the label goes: the ring's centroid. */
  labelAt: [number, number];
}

function centroid(points: Array<[number, number]>): [number, number] {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let index = 0; index < points.length; index += 1) {
    const [x0, y0] = points[index]!;
    const [x1, y1] = points[(index + 1) % points.length]!;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  area /= 2;
  return [Math.round((cx / (6 * area)) * 10) / 10, Math.round((cy / (6 * area)) * 10) / 10];
}

export const PROVINCE_SHAPES: readonly ProvinceShape[] = Object.entries(RINGS).map(([id, ring]) => {
  const points = ring.map((name) => project(P[name]));
  return { id, path: `M${points.map(([x, y]) => `${x},${y}`).join('L')}Z`, labelAt: centroid(points) };
});
