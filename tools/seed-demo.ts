/**
 * `node tools/run.js seed-demo`: posts the demo messages through the public API, so they take the
 * same path as real ones (intake → Kafka → case → search). Idempotent: fixed postIds.
 */
const HUB_URL = process.env.HUB_URL ?? 'http://127.0.0.1:8080';

interface DemoPost {
  postId: string;
  title: string;
  content: string;
  policyDocNo?: string;
  author?: { name?: string; phone?: string; email?: string };
}

export const DEMO_POSTS: DemoPost[] = [
  {
    postId: 'demo-001',
    title: '小区底层餐馆油烟扰民',
    content: '我住在静安区彭浦新村街道某小区，楼下餐馆每天晚上油烟很大，窗户都不能开，希望有关部门处理。',
    author: { name: '王女士', phone: '13816881234' },
  },
  {
    postId: 'demo-002',
    title: '关于政府开放月活动的咨询',
    content: '请问静府办发〔2026〕4号文件提到的政府开放月活动，市民如何报名参加？',
    policyDocNo: '静府办发〔2026〕4号',
  },
  {
    postId: 'demo-003',
    title: '工地夜间施工噪声',
    content: '共和新路附近工地连续几天夜里十一点以后还在施工，噪声很大，影响休息。联系电话021-56781234。',
  },
  {
    postId: 'demo-004',
    title: '孩子入学材料咨询',
    content: '我家孩子明年上小学，户籍在静安区，请问入学报名需要准备哪些材料？',
  },
  {
    postId: 'demo-005',
    title: '老旧小区加装电梯进度',
    content: '我们小区加装电梯的申请已经提交三个月了，想了解审批进度和补贴政策。',
    author: { name: '李先生', email: 'li.xiansheng@example.com' },
  },
  {
    postId: 'demo-006',
    title: '共享单车乱停放',
    content: '南京西路地铁站出口共享单车堆积，行人通行困难，请相关部门清理。',
  },
  {
    postId: 'demo-007',
    title: '创业补贴申请条件',
    content: '我是应届毕业生，准备在静安区注册公司，想咨询创业补贴的申请条件和流程。',
  },
  {
    postId: 'demo-008',
    title: '养老服务补贴',
    content: '家里老人八十五岁，独居，想了解长者照护和养老服务补贴怎么申请。身份证号310106194001011238。',
  },
  {
    postId: 'demo-009',
    title: '道路积水问题',
    content: '大宁路街道某路段每次下雨都积水严重，希望尽快疏通排水管道。',
  },
  {
    postId: 'demo-010',
    title: '垃圾分类投放点异味',
    content: '小区垃圾分类投放点夏天异味很重，清运不及时，希望增加清运频次。',
  },
  {
    postId: 'demo-011',
    title: '政府信息公开申请方式',
    content: '想申请公开某项财政补贴资金的使用情况，请问政府信息公开申请应该通过什么途径提交？',
  },
  {
    postId: 'demo-012',
    title: '停车收费标准咨询',
    content: '静安寺附近公共停车场收费标准是多少？是否有夜间包月优惠？',
  },
];

async function main(): Promise<void> {
  let created = 0;
  let existing = 0;
  for (const post of DEMO_POSTS) {
    const res = await fetch(`${HUB_URL}/api/v1/board/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(post),
    });
    if (res.status === 202) created++;
    else if (res.status === 200) existing++;
    else throw new Error(`demo post ${post.postId}: HTTP ${res.status} ${await res.text()}`);
  }
  process.stderr.write(`demo data: ${created} posted, ${existing} already there\n`);
}

{
  main().catch((e: unknown) => {
    console.error(`seed-demo failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
