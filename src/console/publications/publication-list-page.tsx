// 主动公开 list: tabs 草稿 / 待我审核 / 已发布 / 全部, filters (目录分类, 年度, 有效性, 状态 under 全部),
// search by title, paging. The tab and the category may come in the address (?tab=awaiting&category=…).
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tabs, Tag, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { navigate } from '../router.ts';
import type { SectionProps } from '../section-props.ts';
import type { CatalogueNode, PublicationListFilters, PublicationListItem, PublicationListPage } from './publication-api.ts';
import { errorText, listPublications } from './publication-api.ts';
import { catalogueTree } from './publication-editor.tsx';
import { labelIn, PUBLICATION_STATE_COLORS, PUBLICATION_STATE_LABELS, VALIDITY_OPTIONS } from './publication-labels.ts';

type TabKey = 'draft' | 'awaiting' | 'published' | 'all';
const TABS: { key: TabKey; label: string }[] = [
  { key: 'draft', label: '草稿' },
  { key: 'awaiting', label: '待我审核' },
  { key: 'published', label: '已发布' },
  { key: 'all', label: '全部' },
];

interface Criteria {
  category?: string;
  year?: number;
  validity?: string;
  state?: string;
  q?: string;
}

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: thisYear - 2008 + 1 }, (_, index) => thisYear - index);

function fromUrl(): { tab: TabKey; criteria: Criteria } {
  const query = new URLSearchParams(window.location.search);
  const tab = query.get('tab');
  const category = query.get('category');
  return { tab: TABS.some((t) => t.key === tab) ? (tab as TabKey) : 'all', criteria: category === null ? {} : { category } };
}

export function PublicationListPage({ agency, actions, catalogue }: SectionProps & { catalogue: readonly CatalogueNode[] }) {
  const initial = useMemo(fromUrl, []);
  const [tab, setTab] = useState<TabKey>(initial.tab);
  const [criteria, setCriteria] = useState<Criteria>(initial.criteria);
  const [pageNumber, setPageNumber] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [page, setPage] = useState<PublicationListPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Criteria>();
  const tree = useMemo(() => catalogueTree(catalogue), [catalogue]);
  const names = useMemo(() => new Map(catalogue.map((node) => [node.code, node.name])), [catalogue]);

  useEffect(() => {
    let live = true;
    const state = tab === 'draft' ? 'draft' : tab === 'published' ? 'published' : tab === 'all' ? criteria.state : undefined;
    const filters: PublicationListFilters = {
      limit: pageSize,
      offset: (pageNumber - 1) * pageSize,
      ...(state === undefined ? {} : { state }),
      ...(criteria.category === undefined ? {} : { category: criteria.category }),
      ...(criteria.year === undefined ? {} : { year: criteria.year }),
      ...(criteria.validity === undefined ? {} : { validity: criteria.validity }),
      ...(criteria.q === undefined ? {} : { q: criteria.q }),
      ...(tab === 'awaiting' ? { awaitingMe: true } : {}),
    };
    setLoading(true);
    listPublications(agency, filters)
      .then((result) => {
        if (!live) return;
        setPage(result);
        setError(null);
      })
      .catch((caught: unknown) => live && setError(errorText(caught, '载入失败，请稍后重试。')))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [agency, tab, criteria, pageNumber, pageSize]);

  const changeTab = (key: string) => {
    setTab(key as TabKey);
    setPageNumber(1);
    window.history.replaceState(null, '', `/console/publications?tab=${key}`);
  };
  const reset = () => {
    form.resetFields();
    form.setFieldsValue({ category: undefined, year: undefined, validity: undefined, state: undefined, q: '' });
    setCriteria({});
    setPageNumber(1);
  };

  const allColumns = [
    {
      key: 'title',
      title: '标题',
      dataIndex: 'title',
      width: 280,
      render: (title: string, item: PublicationListItem) => (
        <a
          href={`/console/publications/${item.id}`}
          onClick={(event) => {
            event.preventDefault();
            navigate(`/publications/${item.id}`);
          }}
        >
          {title}
        </a>
      ),
    },
    {
      key: 'state',
      title: '状态',
      dataIndex: 'state',
      width: 96,
      render: (state: string) => <Tag color={PUBLICATION_STATE_COLORS[state]}>{PUBLICATION_STATE_LABELS[state] ?? state}</Tag>,
    },
    { key: 'category', title: '目录分类', dataIndex: 'categoryCode', width: 170, ellipsis: true, render: (code: string) => names.get(code) ?? code },
    { key: 'indexNumber', title: '索引号', dataIndex: 'indexNumber', width: 240, render: (value: string | null) => value ?? '—' },
    { key: 'writtenOn', title: '成文日期', dataIndex: 'writtenOn', width: 110 },
    { key: 'publishedOn', title: '发布日期', dataIndex: 'publishedOn', width: 110, render: (value: string | null) => value ?? '—' },
    {
      key: 'due',
      title: '公开期限',
      dataIndex: 'dueOn',
      width: 150,
      render: (dueOn: string, item: PublicationListItem) =>
        item.state === 'published' || item.state === 'withdrawn' ? (
          item.late ? <Tag color="red">超期发布</Tag> : <Typography.Text type="secondary">按期</Typography.Text>
        ) : (
          <Space size={4}>
            {dueOn}
            {item.late && <Tag color="red">超期</Tag>}
          </Space>
        ),
    },
    { key: 'validity', title: '有效性', dataIndex: 'validity', width: 80, render: (value: string) => labelIn(VALIDITY_OPTIONS, value) },
    { key: 'author', title: '起草人', dataIndex: 'author', width: 120 },
  ];
  // Only what matters on each tab, so the table fits the screen.
  const hidden: Record<TabKey, string[]> = {
    draft: ['state', 'indexNumber', 'publishedOn', 'validity'],
    awaiting: ['state', 'indexNumber', 'publishedOn', 'validity'],
    published: ['state', 'due', 'author'],
    all: ['author', 'validity', 'writtenOn', 'due'],
  };
  const columns = allColumns.filter((column) => !hidden[tab].includes(column.key));

  return (
    <Card
      title="主动公开"
      extra={
        <Space>
          <Button onClick={() => navigate('/publications/catalogue')}>公开目录</Button>
          <Button onClick={() => navigate('/publications/guide')}>公开指南</Button>
          {actions.includes('publication.draft') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/publications/new')}>
              新建
            </Button>
          )}
        </Space>
      }
    >
      <Tabs activeKey={tab} onChange={changeTab} items={TABS.map((t) => ({ key: t.key, label: t.label }))} />
      <Form
        form={form}
        layout="inline"
        initialValues={initial.criteria}
        onFinish={(values) => {
          setCriteria(values);
          setPageNumber(1);
        }}
        style={{ marginBottom: 16, rowGap: 12 }}
      >
        <Form.Item label="目录分类" name="category">
          <TreeSelect allowClear treeData={tree} placeholder="全部分类" style={{ width: 240 }} popupMatchSelectWidth={420} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} />
        </Form.Item>
        <Form.Item label="年度" name="year">
          <Select allowClear placeholder="全部年度" style={{ width: 120 }} options={YEARS.map((year) => ({ value: year, label: `${year}年` }))} />
        </Form.Item>
        <Form.Item label="有效性" name="validity">
          <Select allowClear placeholder="全部" style={{ width: 100 }} options={VALIDITY_OPTIONS} />
        </Form.Item>
        {tab === 'all' && (
          <Form.Item label="状态" name="state">
            <Select allowClear placeholder="全部状态" style={{ width: 120 }} options={Object.entries(PUBLICATION_STATE_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}
        <Form.Item label="标题" name="q">
          <Input allowClear placeholder="标题中的字词" style={{ width: 200 }} maxLength={100} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button onClick={reset}>重置</Button>
          </Space>
        </Form.Item>
      </Form>
      {tab === 'awaiting' && <Typography.Paragraph type="secondary">这里列出当前审核环节由您审核的信息（不含您本人起草的）。</Typography.Paragraph>}
      {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table
        rowKey="id"
        data-testid="publication-list"
        columns={columns}
        dataSource={page?.publications ?? []}
        loading={loading}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: tab === 'awaiting' ? '没有等待您审核的信息' : '没有符合条件的信息' }}
        pagination={{
          current: pageNumber,
          pageSize,
          total: page?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `共 ${total} 件`,
          onChange: (next, size) => {
            setPageNumber(size === pageSize ? next : 1);
            setPageSize(size);
          },
        }}
      />
    </Card>
  );
}
