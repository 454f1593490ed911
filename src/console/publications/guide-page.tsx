// 政府信息公开指南 (条例第十二条), the current version, read-only; it is edited in 设置.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { navigate } from '../router.ts';
import type { Guide } from './publication-api.ts';

/** The guide's parts in order (disclosure-guide.ts). */
const GUIDE_LABELS: [string, string][] = [
  ['classification', '政府信息的分类'],
  ['arrangement', '编排体系'],
  ['howToObtain', '获取方式'],
  ['officeName', '政府信息公开工作机构名称'],
  ['officeAddress', '办公地址'],
  ['officeHours', '办公时间'],
  ['phone', '联系电话'],
  ['fax', '传真号码'],
  ['internetContact', '互联网联系方式'],
];

export function GuidePage({ guide }: { guide: Guide }) {
  const fields = guide.fields;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/publications')}>
        返回列表
      </Button>
      <Card
        title="政府信息公开指南"
        extra={
          guide.version !== null && (
            <Typography.Text type="secondary">
              第 {guide.version} 版 · {guide.createdBy} · {guide.createdAt === null ? '' : dayjs(guide.createdAt).format('YYYY年M月D日')}
            </Typography.Text>
          )
        }
      >
        {fields === null ? (
          <Empty description="本机关尚未发布政府信息公开指南，请分管领导或系统管理员在“设置”中编写。" />
        ) : (
          <>
            <Descriptions column={1} bordered size="middle" data-testid="guide" styles={{ label: { width: 220 } }}>
              {GUIDE_LABELS.map(([key, label]) => (
                <Descriptions.Item key={key} label={label}>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{fields[key] === undefined || fields[key] === '' ? '—' : fields[key]}</Typography.Paragraph>
                </Descriptions.Item>
              ))}
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              指南在“设置”中修改，每次修改保存为新的版本。
            </Typography.Paragraph>
          </>
        )}
      </Card>
    </Space>
  );
}
