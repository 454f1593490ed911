// 检查: what the lint found, errors first, each with where it is; a click goes there.
import { Alert, Empty, List, Space, Tag, Typography } from 'antd';
import type { Finding } from './report-api.ts';
import { describeLocation } from './report-labels.ts';

export function ReportFindings({ findings, onGo }: { findings: readonly Finding[]; onGo: (finding: Finding) => void }) {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  if (findings.length === 0) return <Empty description="检查未发现问题" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type={errors.length > 0 ? 'error' : 'warning'}
        showIcon
        data-testid="findings-summary"
        title={errors.length > 0 ? `发现 ${errors.length} 处错误${warnings.length > 0 ? `、${warnings.length} 处提示` : ''}。错误须全部改正后才能提交审核和定稿。` : `没有错误，有 ${warnings.length} 处提示，请核对。`}
      />
      <List
        dataSource={[...errors, ...warnings]}
        renderItem={(finding, index) => (
          <List.Item
            key={index}
            data-testid="finding"
            style={{ cursor: 'pointer' }}
            onClick={() => onGo(finding)}
            actions={[
              <a key="go" onClick={(event) => (event.preventDefault(), event.stopPropagation(), onGo(finding))} href="#">
                查看位置
              </a>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color={finding.severity === 'error' ? 'red' : 'gold'}>{finding.severity === 'error' ? '错误' : '提示'}</Tag>
                  <span>{finding.message}</span>
                </Space>
              }
              description={
                <Typography.Text type="secondary">
                  位置：{describeLocation(finding.location)}（规则 {finding.ruleId}）
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Space>
  );
}
