/**
 * The Open311 GeoReport v2 service list: the kinds of request a civic-tech client can file. Codes
 * are stable; names are Chinese first (the hub's language), descriptions say what goes where.
 */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

const service = (
  service_code: string,
  service_name: string,
  group: string,
  keywords: string,
  description: string,
): Open311Service => ({
  service_code,
  service_name,
  description,
  metadata: false,
  type: 'realtime',
  keywords,
  group,
});

export const OPEN311_SERVICES: readonly Open311Service[] = [
  service(
    'noise',
    '噪声扰民',
    '环境',
    'noise,噪声,施工,扰民',
    'Noise from construction sites, shops or neighbours (噪声扰民)',
  ),
  service(
    'cooking-fumes',
    '餐饮油烟',
    '环境',
    'fumes,油烟,餐馆',
    'Cooking fumes from restaurants (餐饮油烟)',
  ),
  service(
    'sanitation',
    '环境卫生',
    '市容',
    'garbage,垃圾,清运,卫生',
    'Garbage, cleaning and sorting points (环境卫生)',
  ),
  service(
    'roads',
    '道路设施',
    '交通',
    'road,道路,井盖,积水,路灯',
    'Road damage, manholes, flooding, street lights (道路设施)',
  ),
  service(
    'parking',
    '停车与共享单车',
    '交通',
    'parking,停车,单车',
    'Parking and shared bicycles (停车与共享单车)',
  ),
  service('greening', '绿化养护', '市容', 'tree,绿化,树木', 'Trees and green spaces (绿化养护)'),
  service(
    'housing',
    '房屋与物业',
    '住房',
    'housing,物业,加装电梯,房屋',
    'Housing, property management, lifts in old estates (房屋与物业)',
  ),
  service('other', '其他', '其他', 'other,其他', 'Anything else; the hub routes it (其他)'),
];

export function findOpen311Service(code: string): Open311Service | undefined {
  return OPEN311_SERVICES.find((s) => s.service_code === code);
}
