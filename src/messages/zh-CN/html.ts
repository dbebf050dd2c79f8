import type { Text } from '../types.js';
import type { labels as enLabels } from '../en/html.js';

// 简体中文：HTML 报告（--format html）自己的文字。

export const labels: { [K in keyof typeof enLabels]: Text } = {
  'html.title': (d) => `mailcheck ${d.command} 检查报告`,
  'html.made-by': (d) => `由 mailcheck ${d.version} 生成。本页面是一个独立文件，不联网加载任何内容，可以离线打开，也可以作为附件转发。`,
  'html.summary': '概要',
  'html.subject': '检查对象',
  'html.grade': '等级',
  'html.findings': '问题和解决办法',
  'html.found': '查到的内容',
  'html.details': '逐项检查',
  'html.record': '要发布的记录：',
  'html.copy': '复制',
  'html.copied': '已复制',
  'html.copy-failed': '请选中记录后手动复制',
  'html.spf-tree': 'SPF include 树',
};
