import type { Data } from '../../core/finding.js';
import type { FindingText, Lookup, Text } from '../types.js';
import type * as en from '../en/recall.js';

// `mailcheck recall` 的中文（简体），写给外贸业务员：同样的 id，同样的数据（见 ../en/recall.ts）。
// 时间由渲染器按用户所在时区（中文用户默认 Asia/Shanghai）预先格式化，放在 `<key>Text`。

type Same<T> = { [K in keyof T]: T[K] extends FindingText ? FindingText : Text };

const list = (value: unknown) => (Array.isArray(value) ? value.join('、') : String(value ?? ''));
const who = (d: Data) => String(d.provider ?? '你的邮箱系统');
const theirs = (d: Data) => String(d.recipientProvider ?? `${d.recipientDomain ?? '对方域名'}的邮件系统`);
const span = (minutes: unknown) => {
  const m = Number(minutes);
  return m >= 1440 && m % 1440 === 0 ? `${m / 1440} 天` : m >= 60 && m % 60 === 0 ? `${m / 60} 小时` : `${m} 分钟`;
};
const firstReason = (d: Data, t: Lookup) => {
  const r = (d.reasons as { id: string; data?: Data }[] | undefined)?.[0];
  return r ? `：${t('labels', `recall.reason.${r.id}`, { ...r.data })}` : '';
};

export const findings: Same<typeof en.findings> = {
  'recall.possible': {
    title: '这封邮件还可以从该收件人处撤回',
    message: (d, t) => `${d.recipient}：可以撤回${firstReason(d, t)}`,
  },
  'recall.possible-if': {
    title: '只有在外部无法确认的条件都满足时，才能从该收件人处撤回',
    message: (d, t) => `${d.recipient}：满足条件才能撤回${firstReason(d, t)}`,
  },
  'recall.not-possible': {
    title: '这封邮件无法从该收件人处撤回',
    message: (d, t) => `${d.recipient}：无法撤回${firstReason(d, t)}`,
  },
  'recall.unknown': {
    title: '无法判断能否从该收件人处撤回',
    message: (d, t) => `${d.recipient}：无法判断能否撤回${firstReason(d, t)}`,
  },
};

export const advice: Same<typeof en.advice> = {
  'recall.now': (d, t) => `马上撤回：${t('labels', `recall.how.${d.rule}`)}。`,
  'recall.ask-admin': (d, t) => `马上请公司邮箱管理员帮你撤回：${t('labels', `recall.how.${d.rule}`)}。`,
  'recall.read-report': (d, t) => `然后一定要看撤回结果（${t('labels', `recall.report.${d.rule}`)}）：只有结果里写明成功的收件人，才算真正撤回了。`,
  'recall.correction-if-failed': '如果结果显示有人撤回失败，或者几分钟内看不到结果，马上给他们发一封简短的更正邮件：“请忽略我上一封邮件，正确的报价单见附件。”（英文：“Please disregard my previous email; the correct quotation is attached.”）',
  'recall.correction': '现在就发一封简短的更正邮件，赶在对方处理之前：“请忽略我上一封邮件，正确的报价单见附件。”（英文：“Please disregard my previous email; the correct quotation is attached.”）语气平静、简短，不要重复错误的价格或数字。',
  'recall.call': '如果这封邮件很重要，马上打电话或发微信给对方：说明发错了邮件，请他直接删除。',
  'recall.no-resend': '千万不要再转发或重发那个错误的附件：只附上改正后的文件，文件名写清楚（例如“报价单 v2”）。',
  'recall.tell-manager': '邮件发到了竞争对手那里：马上告诉你的主管，并说明里面有什么（价格、客户名称、文件）。',
  'recall.tell-manager-if-competitor': '如果邮件发给了竞争对手，或者里面有价格、客户资料，马上告诉你的主管。',
  'recall.undo-now': (d, t) => `如果发送页面上还显示“撤销”按钮，马上点它（${t('labels', `recall.how.${d.rule}`)}）；发送后最多 ${d.seconds} 秒它就会消失。`,
  'recall.try-internal': '如果收件人是同一邮件系统里的同事，而且系统有撤回按钮（Exchange/Outlook、Coremail 等），现在就到“已发送”里试着撤回，并查看撤回结果；否则只能发更正邮件。',
};

export const labels: Same<typeof en.labels> = {
  'recall.verdict.possible': '可以撤回',
  'recall.verdict.possible-if': '满足条件才能撤回',
  'recall.verdict.not-possible': '无法撤回',
  'recall.verdict.unknown': '无法判断',
  'recall.title': (d) => `撤回检查：${d.sender} 发出的${d.subject ? `“${d.subject}”` : '邮件'}`,
  'recall.side': (d, t) => `${d.domain}：${d.providerName ?? t('labels', 'recall.provider-unknown')}${d.via ? `（${t('labels', `recall.via.${d.via}`, d)}）` : ''}${d.gateway ? `，${t('labels', 'recall.gateway', d)}` : ''}${d.tenant ? `，${t('labels', 'recall.tenant', d)}` : ''}`,
  'recall.provider-unknown': '未知的邮件系统',
  'recall.via.consumer-domain': '该服务商自己的邮箱域名',
  'recall.via.mx': (d) => `MX ${list((d.mx as string[] | undefined)?.slice(0, 2))}`,
  'recall.via.spf': '根据 SPF 记录推测',
  'recall.gateway': (d) => `MX 经过过滤网关 ${d.gatewayName ?? d.gateway}`,
  'recall.tenant': (d) => `租户“${d.tenant}”（根据 DKIM 推测）`,
  'recall.side-failed': (d) => `${d.domain}：查询 MX 失败（${d.outcome}）`,
  'recall.side-no-mx': (d) => `${d.domain}：没有邮件服务器（无 MX）`,
  'recall.sent': (d) => `发送时间：${d.sentText}（${d.agoText}）`,
  'recall.sent-unknown': '没有给出发送时间（--sent），无法判断是否还在撤回期限内',
  'recall.ago': (d) => (Number(d.minutes) < 1 ? '刚刚' : Number(d.minutes) < 120 ? `${d.minutes} 分钟前` : Number(d.minutes) < 2880 ? `${Math.floor(Number(d.minutes) / 60)} 小时前` : `${Math.floor(Number(d.minutes) / 1440)} 天前`),
  'recall.answers': (d, t) => `对方已读：${t('labels', `recall.answer.${d.read}`)} · 已被客户端收取：${t('labels', `recall.answer.${d.fetched}`)}`,
  'recall.answer.yes': '是',
  'recall.answer.no': '否',
  'recall.answer.unknown': '不知道',
  'recall.field.to': '收件人',
  'recall.field.cc': '抄送',
  'recall.field.bcc': '密送',
  'recall.competitor': '竞争对手',
  'recall.family.tencent': '腾讯',
  'recall.family.netease': '网易',
  'recall.family.alibaba': '阿里',
  'recall.family.coremail': 'Coremail 邮件系统',
  'recall.family.microsoft': '微软',
  'recall.family.google': '谷歌',
  'recall.family.zoho': 'Zoho',
  'recall.family.other': '其他',
  'recall.rule': (d) => `规则 ${d.rule}，${d.confidence === 'high' ? '来自服务商官方帮助' : '只有第三方资料'}`,
  'recall.what-now': '现在该做什么',
  'recall.summary': (d) => `${d.total} 位收件人中，${d.recallable} 位可以撤回${Number(d.conditional) > 0 ? `（其中 ${d.conditional} 位要满足上面的条件）` : ''}。`,
  'recall.cannot-know': '从外部无法知道对方是否已读、邮件是否已被客户端（POP/IMAP）收取，也无法确定一个域名属于哪个 Microsoft 365 租户：如果你知道，请用 --read 和 --fetched-by-client 告诉 mailcheck。',

  'recall.reason.lookup-failed': (d) => `查询 ${d.domain} 的 MX 失败（${d.outcome}），不知道它用的是什么邮件系统；请再运行一次`,
  'recall.reason.recipient-no-mx': (d) => `${d.recipientDomain} 没有邮件服务器，邮件根本没有送到（请查看退信）`,
  'recall.reason.system-unknown': (d) => `${d.domain} 的邮件系统${(d.mx as string[] | undefined)?.length ? `（MX ${list(d.mx)}）` : ''}不在 mailcheck 认识的服务商里，不知道它的撤回规则`,
  'recall.reason.different-systems': (d) => `邮件是从${who(d)}发到${theirs(d)}的；邮件协议（SMTP）没有撤回功能，邮件一旦离开你的服务商进入别家，就收不回来了`,
  'recall.reason.other-domain': (d) => `${d.provider}只能撤回同一邮箱域名（${d.domain}）内的邮件，而 ${d.recipientDomain} 是另一个域名`,
  'recall.reason.tenant-hint-same': (d) => `两个域名看起来属于同一个 ${d.provider} 租户（“${d.tenant}”，根据 DKIM 记录推测）：很可能，但不确定`,
  'recall.reason.tenant-hint-different': (d) => `两个域名属于不同的 ${d.provider} 租户（“${d.tenant}”和“${d.recipientTenant}”，根据 DKIM 记录），撤回只在同一租户内有效`,
  'recall.reason.tenant-unknown': (d) => `${d.recipientDomain} 也在 ${d.provider} 上，但只有它属于你们自己的组织（租户）时才能撤回：DNS 看不出来`,
  'recall.reason.same-domain': (d) => `收件人和你在同一个邮箱域名（${d.domain}）`,
  'recall.reason.same-provider': (d) => `收件人也在${d.recipientProvider}`,
  'recall.reason.same-family': (d, t) => `收件人在${d.recipientProvider}，和你同属${t('labels', `recall.family.${d.family}`)}的邮件系统`,
  'recall.reason.outside-reach': (d) => `${d.provider}只能撤回发往${list(d.reaches)}的邮件，而收件人在${d.recipientProvider}`,
  'recall.reason.no-recall': (d) => `${who(d)}邮件发出后就没有撤回功能`,
  'recall.reason.no-rule': (d) => `mailcheck 没有${who(d)}的撤回规则`,
  'recall.reason.window-sent-unknown': (d) => `发出不超过 ${span(d.minutes)}（用 --sent 给出发送时间才能确认）`,
  'recall.reason.window-closed': (d) => `撤回期限是 ${span(d.minutes)}，而邮件已经发出 ${span(d.elapsedMinutes)}${d.deadlineAtText ? `（已于 ${d.deadlineAtText} 截止）` : ''}`,
  'recall.reason.window-open': (d) => `还在 ${span(d.minutes)} 的撤回期限内${d.deadlineAtText ? `：截止到 ${d.deadlineAtText}` : ''}`,
  'recall.reason.window-unknown': (d) => `${who(d)}没有公布撤回期限（第三方说法从 5 分钟到 15 天不等）：越快撤回越好`,
  'recall.reason.window-beyond-claims': (d) => `${who(d)}没有公布撤回期限，而邮件已经发出 ${span(d.elapsedMinutes)}，比任何说法（最长 ${span(d.minutes)}）都长`,
  'recall.reason.window-none-stated': '官方没有说明时间限制',
  'recall.reason.read': '对方已经读过，这里已读邮件无法撤回',
  'recall.reason.unread-needed': '对方还没有打开这封邮件（外部看不出来；如果你知道，用 --read 说明）',
  'recall.reason.unread': '对方还没读（你说的）',
  'recall.reason.read-setting': (d) => `已读邮件也能撤回，除非管理员关闭了这个功能（${d.setting}）`,
  'recall.reason.read-recallable': '已读的邮件也能撤回',
  'recall.reason.read-not-stated': '服务商没有说明已读邮件能否撤回',
  'recall.reason.fetched': '邮件已被客户端（POP/IMAP）收取：那份副本还在对方电脑上',
  'recall.reason.not-fetched-needed': '还没有被 Outlook、Foxmail 等客户端用 POP/IMAP 收取（外部看不出来；如果你知道，用 --fetched-by-client 说明）',
  'recall.reason.not-fetched': '没有被客户端收取（你说的）',
  'recall.reason.fetched-not-stated': '已被客户端下载（POP）的副本可能还留在对方电脑上',
  'recall.reason.admin-must-enable': (d) => `管理员已经开启了邮件撤回（${d.setting}）`,
  'recall.reason.admin-default-on': (d) => `默认开启；管理员可以关闭（${d.setting}）`,
  'recall.reason.client.outlook': '在 Outlook 里撤回（经典版、新版、网页版，或 4.2504 及以上的手机版）',
  'recall.reason.client.outlook-desktop-both': '双方都用 Outlook 桌面版',
  'recall.reason.client.workspace-enterprise': '你们的 Google Workspace 版本有安全调查工具（Enterprise Standard/Plus、Education Standard/Plus）',
  'recall.reason.client.web-sent-folder': '在网页版邮箱的“已发送”里撤回（已发送里必须保存了这封邮件）',
  'recall.reason.client.foxmail-7.2.17': '用 Foxmail 撤回需 7.2.17 或以上版本',
  'recall.reason.client.zoho-paid': '你们的组织用的是 Zoho Mail 付费版',
  'recall.reason.limit.still-in-inbox': '邮件还在对方的收件箱里（被规则移走的邮件撤回不了）',
  'recall.reason.limit.no-forwards': '对方已经回复或转发出去的邮件撤回不了',
  'recall.reason.limit.failures-only': '结果只列出撤回失败的收件人',
  'recall.reason.limit.no-mailing-lists': '发给邮件列表的邮件不能撤回',
  'recall.reason.limit.no-shared-folders': '共享文件夹里的邮件不能撤回',
  'recall.reason.limit.deployments-differ': '每个 Coremail 系统的规则不同（有的允许 7 天内撤回，已读未读都可以）',
  'recall.reason.ask-admin': (d) => `由你们的 ${d.provider} 管理员来操作`,
  'recall.reason.low-confidence': (d) => `只有第三方资料这样说（规则 ${d.rule}）：当作一次机会，不要当作保证`,
  'recall.reason.undo-send-open': (d) => `现在还在发送后的 ${d.seconds} 秒内：“撤销发送”可以拦下它，但只能在发送页面上操作`,
  'recall.reason.undo-send-only': (d) => `“撤销发送”只在发送后 ${d.seconds} 秒内、并且只能在发送页面上使用；它是延迟发送，不是撤回`,

  'recall.how.exchange-online-cloud': '在 Outlook 的“已发送邮件”里打开这封邮件，点“邮件 > 动作 > 撤回该邮件”（新版 Outlook 和网页版：点“…”>“撤回邮件”），选择删除未读副本',
  'recall.how.outlook-classic': '经典版 Outlook：在“已发送邮件”里打开这封邮件，点“文件 > 信息 > 重新发送或撤回 > 撤回该邮件”',
  'recall.how.google-workspace-admin': '管理控制台 > 安全 > 调查工具 > Gmail 邮件：找到这封邮件，从收件人的邮箱中删除',
  'recall.how.alibaba-user': '在网页版阿里邮箱打开“已发送”，打开这封邮件，点“撤回”',
  'recall.how.alibaba-admin': '用 postmaster 管理员账号：管理后台 > 邮箱工具 > 邮件撤回，按发件人和主题查到这封邮件，点“撤回”',
  'recall.how.netease-vip': '在网易 VIP 邮箱网页版或 App 打开“已发送”，打开这封邮件，点顶部的“撤回邮件”',
  'recall.how.netease-free': '在 163/126 网页版或 App 打开“已发送”，打开这封邮件，点顶部的“撤回邮件”',
  'recall.how.netease-qiye': '在网易企业邮箱网页版的“已发送”里打开这封邮件，点顶部的“撤回邮件”',
  'recall.how.tencent': '在腾讯企业邮或 QQ 邮箱网页版打开“已发送”，打开这封邮件，点“撤回”；Foxmail：在“已发送”里右键这封邮件 >“撤回邮件”',
  'recall.how.zoho': '在 Zoho Mail 打开“已发送”，点这封邮件的“邮件递送状态”图标，再点“撤回此电子邮件 > 继续”',
  'recall.how.coremail': '在网页版邮箱的“已发送”里打开这封邮件，点“召回邮件”；或“自助查询 > 发信查询 > 召回邮件”',
  'recall.how.gmail-undo-send': 'Gmail：左下角“邮件已发送”提示框里的“撤消”',
  'recall.how.outlook-undo-send': 'Outlook 网页版/新版 Outlook：已发送邮件下方的“撤消”',

  'recall.report.exchange-online-cloud': 'Outlook 会发给你一封“邮件撤回报告”，写明每位收件人的结果',
  'recall.report.outlook-classic': 'Outlook 会为每位收件人发一封撤回成功或失败的通知',
  'recall.report.google-workspace-admin': '调查工具里会显示这次操作的状态',
  'recall.report.alibaba-user': '“已发送”里的这封邮件会显示撤回是否成功',
  'recall.report.alibaba-admin': '点“刷新”：状态会显示全部或部分成功，“查看失败帐号”列出失败的人',
  'recall.report.netease-vip': '点完后网易会马上告诉你结果',
  'recall.report.netease-free': '点完后网易会马上告诉你结果',
  'recall.report.netease-qiye': '点完后网页版会马上告诉你结果',
  'recall.report.tencent': '页面显示的撤回结果，或系统发给你的通知',
  'recall.report.zoho': 'Zoho 会回复结果：全部撤回、部分撤回或全部失败',
  'recall.report.coremail': '系统会发邮件告诉你结果（“召回邮件成功”或失败）',
};

export const errors: Same<typeof en.errors> = {
  'recall.no-from': '是谁发的？请用 --from 地址，或者给出已发送的邮件：mailcheck recall sent.eml',
  'recall.no-to': '发给了谁？请用 --to 地址（可以写多次），或者给出已发送的邮件：mailcheck recall sent.eml',
  'recall.address': (d) => `${d.flag} ${d.value}：不是邮箱地址（${d.code}）`,
  'recall.choice': (d) => `${d.flag} 只能是 yes、no 或 unknown，不能是“${d.value}”`,
  'recall.competitor': (d) => `--competitor ${d.value}：请给出邮箱地址或域名`,
  'recall.time': (d, t) => `--sent ${d.value}：${t('errors', `recall.${d.code}`, d)}`,
  'recall.time.empty': '没有给出时间',
  'recall.time.too-long': '太长，不像是时间',
  'recall.time.unrecognised': '看不懂这个时间；可以写 2026-03-04T10:21+08:00、“10:21”、“10 分钟前”、“10 minutes ago”或“昨天 15:30”',
  'recall.time.invalid': '不是有效的日期或时间',
  'recall.time.future': '这是将来的时间',
  'recall.time.zone': (d) => `不认识时区“${d.timeZone}”`,
  'recall.file': (d, t) => `${d.file}：${t('errors', `input.${d.code}`, d)}`,
  'recall.several-messages': (d) => `${d.file} 里有 ${d.count} 封邮件：请只给一封已发送的邮件`,
  'recall.empty-file': (d) => `${d.file}：文件是空的，没有邮件`,
  'recall.too-many': (d) => `收件人太多（${d.count} 位）；一次最多 ${d.max} 位`,
  'recall.skipped-address': (d) => `提示：${d.file}：${d.header}：“${d.value}”不是邮箱地址（${d.code}），已跳过`,
  'recall.no-date': (d) => `提示：${d.file} 没有可读的 Date: 头；请用 --sent 给出发送时间，才能判断撤回期限`,
  'recall.bad-zone': (d) => `提示：不认识时区 TZ=${d.timeZone}；时间按 ${d.fallback} 显示`,
};
