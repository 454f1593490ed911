// 政府信息公开目录 (条例第二十条、第二十一条) as a tree with the number of items under each entry;
// a number leads to the list filtered by that entry. Editing the catalogue is in 设置.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { navigate } from '../router.ts';
import type { Catalogue, CatalogueNode } from './publication-api.ts';

interface Row {
  key: string;
  code: string;
  name: string;
  basis: string;
  active: boolean;
  itemCount: number;
  children?: Row[];
}

function rows(nodes: readonly CatalogueNode[], parent: string | null): Row[] {
  return nodes
    .filter((node) => node.parentCode === parent)
    .sort((a, b) => a.position - b.position)
    .map((node) => {
      const children = rows(nodes, node.code);
      return { key: node.code, code: node.code, name: node.name, basis: node.basis, active: node.active, itemCount: node.itemCount, ...(children.length > 0 ? { children } : {}) };
    });
}

export function CataloguePage({ catalogue }: { catalogue: Catalogue }) {
  const total = catalogue.nodes.reduce((sum, node) => sum + node.itemCount, 0);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/publications')}>
        返回列表
      </Button>
      <Card
        title="政府信息公开目录"
        extra={<Typography.Text type="secondary">{catalogue.isDefault ? '本机关尚未编辑目录，以下为按机关层级的默认目录' : '目录在“设置”中修改'}</Typography.Text>}
      >
        <Typography.Paragraph type="secondary">共 {total} 件信息（含草稿、审核中和已撤回的）。点击件数可查看该分类下的信息。</Typography.Paragraph>
        <Table<Row>
          data-testid="catalogue-tree"
          size="middle"
          pagination={false}
          dataSource={rows(catalogue.nodes, null)}
          expandable={{ defaultExpandAllRows: true }}
          columns={[
            {
              title: '目录项',
              dataIndex: 'name',
              render: (name: string, row) => (
                <Space>
                  {name}
                  {!row.active && <Tag>已停用</Tag>}
                </Space>
              ),
            },
            { title: '依据', dataIndex: 'basis', width: 260 },
            {
              title: '信息数',
              dataIndex: 'itemCount',
              width: 100,
              align: 'right',
              render: (count: number, row) =>
                count === 0 ? (
                  <Typography.Text type="secondary">0</Typography.Text>
                ) : (
                  <a
                    href={`/console/publications?category=${encodeURIComponent(row.code)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      navigate(`/publications?tab=all&category=${encodeURIComponent(row.code)}`);
                    }}
                  >
                    {count}
                  </a>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
