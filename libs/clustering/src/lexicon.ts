/**
 * What is cut out of, or rewritten in, a citizen message before it is compared with others: the
 * stock phrases of the 12345 ticket template and of polite letters (套话), words that only frame a
 * request, the district's own place names, and colloquial variants of official terms (同义词).
 * Written from how hotline tickets and message-board posts are worded, not from the test set's
 * answers; the bench reports what the synonym table adds.
 */

/**
 * Jing'an's street offices and town (街道、镇), their short forms, and the city and district names:
 * the place terms every index starts with. The unit directory adds roads and communities
 * (`SimilarityOptions.placeTerms`, `SimilarityIndex.addPlaceTerms`).
 */
export const DEFAULT_PLACE_TERMS: readonly string[] = [
  '上海市',
  '上海',
  '静安区',
  '静安',
  ...[
    '南京西路',
    '静安寺',
    '曹家渡',
    '江宁路',
    '石门二路',
    '天目西路',
    '北站',
    '宝山路',
    '芷江西路',
    '共和新路',
    '大宁路',
    '彭浦新村',
    '临汾路',
  ].flatMap((s) => [`${s}街道`, s]),
  '彭浦镇',
  '彭浦',
  '大宁',
];

/**
 * Stock phrases (套话) of citizen messages and of the call centre's ticket template: greetings,
 * thanks, the operator's 市民来电反映 / 来电人表示, the closing 要求相关部门尽快处理 and the like.
 * They are cut out first, so they never make two messages alike.
 */
export const STOCK_PHRASES: readonly string[] = [
  // greetings, thanks, politeness
  '尊敬的领导',
  '各位领导',
  '领导您好',
  '领导你好',
  '领导好',
  '您好',
  '你好',
  '非常感谢',
  '谢谢',
  '感谢',
  '盼复',
  '望回复',
  '请回复',
  '请问一下',
  '请问',
  '想问一下',
  '问一下',
  '咨询一下',
  '想了解',
  '麻烦',
  // the call centre's ticket template
  '市民来电反映',
  '市民来电咨询',
  '市民来电投诉',
  '市民来电求助',
  '市民来电',
  '来电人表示',
  '来电人反映',
  '来电人咨询',
  '来电人称',
  '来电人',
  '市民反映',
  '市民咨询',
  '诉求',
  '要求相关部门',
  '希望相关部门',
  '请相关部门',
  '相关部门',
  '有关部门',
  '要求处理',
  '要求答复',
  '予以答复',
  '予以处理',
  '尽快处理',
  '尽快解决',
  '及时处理',
  '再次反映',
  '再次投诉',
  '多次反映',
  '反映过很多次',
  '请管一管',
  '管一管',
  '有没有人管',
];

/**
 * Words that say nothing about the matter: the frame of a request (反映、咨询、要求、希望、处理),
 * question words (怎么、如何、哪里) and fillers. Dropped after segmentation, besides @hub/text's
 * stop words.
 */
export const STOCK_WORDS: ReadonlySet<string> = new Set(
  [
    '市民 来电 反映 咨询 投诉 举报 要求 希望 请求 恳请 建议 处理 解决 答复 相关 部门 有关',
    '问题 情况 事宜 事情 尽快 及时 目前 现在 最近 近期 已经 一直 还是 可以 能否 是否 能不能 可不可以',
    '怎么 怎么办 怎样 如何 什么 哪里 哪些 哪个 哪 多少 几 为什么 请 想 想要 需要 要 能 会 让',
    '一个 一些 这样 那样 不是 没有 有 个 去 来 到 给 把 被 对 从 为 以 之 其 该 本 本人 这边 那边',
    '具体 一般 比较 非常 特别 实在 真的 大家 我家 家里 自己 现在 今年 时候',
  ].flatMap((line) => line.split(' ')),
);

/**
 * Colloquial or short forms (left) that mean the same as an official term (the key): 电瓶车 is an
 * 电动自行车, 狗证 a 养犬登记证, 退休工资 the 养老金. Rewritten before segmentation, longest form
 * first, so a paraphrase in the other register still shares words. Extend it per deployment with
 * `SimilarityOptions.synonyms` (the knowledge base's synonym list).
 */
export const DEFAULT_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  // vehicles and traffic
  电动自行车: ['电瓶车', '电动车', '电驴', '小电驴', '助动车'],
  新能源汽车: ['新能源车', '电动汽车'],
  共享单车: ['单车', '小黄车'],
  停车位: ['车位', '泊位'],
  罚单: ['贴条', '罚款单'],
  公交站: ['公交车站', '公交站点', '公交车站点'],
  地铁: ['轨交', '轨道交通'],
  自动扶梯: ['扶梯'],
  路口: ['交叉口', '十字路口', '交叉路口'],
  // housing and estates
  加装电梯: ['加梯', '加电梯', '装电梯', '增设电梯'],
  老旧小区: ['老公房', '老小区', '旧小区'],
  物业管理费: ['物业费'],
  违法搭建: ['违建', '违章搭建', '违章建筑', '违法建筑', '私搭乱建'],
  征收: ['动迁', '拆迁'],
  旧区改造: ['旧改'],
  群租: ['群租房'],
  燃气: ['煤气', '天然气'],
  排水管道: ['下水道', '排水管'],
  积水: ['内涝', '水淹'],
  噪声: ['噪音'],
  夜间: ['夜里', '半夜', '深夜', '晚上', '夜晚'],
  垃圾厢房: ['垃圾房'],
  湿垃圾: ['厨余垃圾'],
  干垃圾: ['其他垃圾'],
  菜市场: ['菜场', '农贸市场'],
  占道经营: ['占道'],
  // social security, health, family
  补贴: ['补助', '津贴'],
  养老金: ['退休金', '退休工资', '养老待遇'],
  失业保险金: ['失业金'],
  住房公积金: ['公积金'],
  医疗保险: ['医保'],
  长期护理保险: ['长护险'],
  社会保障卡: ['社保卡'],
  社会保险: ['社保'],
  社区卫生服务中心: ['社区医院', '地段医院', '社区卫生中心'],
  长者食堂: ['社区食堂', '老年食堂', '助餐点'],
  老年人: ['老人', '长者'],
  孩子: ['小孩', '宝宝', '子女', '小朋友', '儿童'],
  父母: ['爸妈', '爸爸妈妈'],
  户籍: ['户口'],
  残疾人证: ['残疾证'],
  出生医学证明: ['出生证'],
  养犬登记证: ['狗证', '犬证', '养犬证', '养狗证'],
  岁: ['周岁'],
  // how a question is asked
  条件: ['门槛'],
  流程: ['手续', '步骤', '程序'],
  材料: ['证件', '资料', '证明材料'],
  多长时间: ['多久'],
  哪里: ['哪儿', '去哪', '何处', '何地'],
};

/** Chinese numerals (一二三 … 十百千) before a unit become digits: 九十周岁 → 90周岁, 二十分钟 → 20分钟. */
const NUMERAL_UNIT =
  /([零一二两三四五六七八九十百千]+)(?=岁|周岁|元|块钱|层|楼|户|平方|平米|个月|分钟|小时|天|年|号楼|栋|次)/g;
const DIGIT: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

function numeralValue(s: string): number | null {
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in DIGIT) {
      if (digit !== null) return null; // 三四 (three or four): not one number
      digit = DIGIT[ch];
    } else {
      total += (digit ?? 1) * UNIT[ch];
      digit = null;
    }
  }
  return total + (digit ?? 0);
}

/** {@link NUMERAL_UNIT}: numbers written in Chinese characters before a unit, as digits. */
export function arabicNumerals(text: string): string {
  return text.replace(NUMERAL_UNIT, (m) => {
    const v = numeralValue(m);
    return v === null ? m : String(v);
  });
}
