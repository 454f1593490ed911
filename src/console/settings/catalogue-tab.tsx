// 公开目录 (settings.edit): the agency's 政府信息公开目录 as a tree. Rename, add (top level or
// under a node), stop using, remove; saved as a whole. A node that already holds published items
// cannot be removed, only stopped (the server refuses and says which).
import { Alert, App, Button, Card, Form, Input, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { agencyApiPath, api, errorText } from '../api.ts';
import { } from './settings-api.ts';
import type { Catalogue, CatalogueNode } from './settings-api.ts';
import { subtreeCodes, treeOf } from './settings-logic.ts';
import type { TreeRow } from './settings-logic.ts';


interface AddValues {
  code: string;
  name: string;
  basis: string;
}

export function CatalogueTab({ agency, canEdit }: { agency: string; canEdit: boolean }) {
  const { message, modal } = App.useApp();
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [nodes, setNodes] = useState<CatalogueNode[]>([]);
  const [dirty, setDirty] = useState(false);
  const [adding, setAdding] = useState<{ parentCode: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [addForm] = Form.useForm<AddValues>();

  const show = useCallback((result: Catalogue) => {
    setCatalogue(result);
    setNodes(result.nodes);
    setDirty(false);
  }, []);

  useEffect(() => {
    api<Catalogue>(agencyApiPath(agency, 'catalogue'))
      .then(show)
      .catch((e: unknown) => setError(errorText(e)));
  }, [agency, show]);

  const change = (next: CatalogueNode[]) => {
    setNodes(next);
    setDirty(true);
  };
  const tree = useMemo(() => treeOf(nodes), [nodes]);

  async function save(): Promise<void> {
    setBusy(true);
    try {
      const body = { nodes: nodes.map(({ code, parentCode, name, basis, position, active }) => ({ code, parentCode, name, basis, position, active })) };
      show(await api<Catalogue>(agencyApiPath(agency, 'catalogue'), { method: 'PUT', body }));
      message.success('目录已保存');
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  function remove(row: CatalogueNode): void {
    const codes = subtreeCodes(nodes, row.code);
    const items = nodes.filter((node) => codes.has(node.code)).reduce((sum, node) => sum + node.itemCount, 0);
    if (items > 0) {
      modal.warning({ title: '不能删除', content: `“${row.name}”及其下级分类中已有${items}条公开信息，只能停用，不能删除。`, okText: '知道了' });
      return;
    }
    modal.confirm({
      title: `删除“${row.name}”${codes.size > 1 ? `及其下${codes.size - 1}个分类` : ''}？`,
      content: '删除在点击“保存目录”后生效。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => change(nodes.filter((node) => !codes.has(node.code))),
    });
  }

  function add(values: AddValues): void {
    const code = values.code.trim();
    if (nodes.some((node) => node.code === code)) {
      message.error(`分类代码“${code}”已被使用，请换一个`);
      return;
    }
    const parentCode = adding?.parentCode ?? null;
    const siblings = nodes.filter((node) => node.parentCode === parentCode);
    const position = siblings.reduce((max, node) => Math.max(max, node.position + 1), 0);
    change([...nodes, { code, parentCode, name: values.name.trim(), basis: values.basis?.trim() ?? '', position, active: true, itemCount: 0 }]);
    setAdding(null);
    addForm.resetFields();
  }

  const columns: TableColumnsType<TreeRow> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, row) =>
        canEdit ? (
          <Input.TextArea aria-label={`分类“${row.code}”的名称`} value={name} autoSize style={{ minWidth: 320 }} onChange={(e) => change(nodes.map((node) => (node.code === row.code ? { ...node, name: e.target.value.replace(/\n/g, '') } : node)))} />
        ) : (
          name
        ),
    },
    { title: '代码', dataIndex: 'code', width: 100, render: (code: string) => <Typography.Text type="secondary">{code}</Typography.Text> },
    { title: '依据', dataIndex: 'basis', width: 160, ellipsis: true },
    { title: '已有信息', dataIndex: 'itemCount', width: 80 },
    {
      title: '启用',
      dataIndex: 'active',
      width: 80,
      render: (active: boolean, row) =>
        canEdit ? (
          <Switch size="small" checked={active} onChange={(checked) => change(nodes.map((node) => (node.code === row.code ? { ...node, active: checked } : node)))} />
        ) : active ? (
          <Tag color="green">启用</Tag>
        ) : (
          <Tag>停用</Tag>
        ),
    },
  ];
  if (canEdit) {
    columns.push({
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_, row) => (
        <Space size={0}>
          <Button type="link" onClick={() => setAdding({ parentCode: row.code })}>
            添加下级
          </Button>
          <Button type="link" danger onClick={() => remove(row)}>
            删除
          </Button>
        </Space>
      ),
    });
  }

  if (error !== null) return <Alert type="error" showIcon title={error} />;
  if (catalogue === null) return <Card loading />;

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        政府信息公开目录（条例第二十条、第二十一条）。{catalogue.isDefault ? '当前为按机关层级生成的默认目录。' : ''}已有公开信息的分类不能删除，只能停用；停用的分类不再用于新发布的信息。
      </Typography.Paragraph>
      {canEdit && (
        <Space>
          <Button onClick={() => setAdding({ parentCode: null })}>添加一级分类</Button>
          <Button type="primary" disabled={!dirty} loading={busy} onClick={() => void save()}>
            保存目录
          </Button>
          <Button disabled={!dirty} onClick={() => show(catalogue)}>
            放弃修改
          </Button>
          {dirty && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
        </Space>
      )}
      <Table rowKey="code" size="small" columns={columns} dataSource={tree} pagination={false} expandable={{ defaultExpandAllRows: true }} data-testid="catalogue-table" />
      <Modal title={adding?.parentCode == null ? '添加一级分类' : `在“${nodes.find((n) => n.code === adding.parentCode)?.name ?? ''}”下添加分类`} open={adding !== null} onCancel={() => setAdding(null)} okText="添加" cancelText="取消" onOk={() => addForm.submit()} destroyOnHidden>
        <Form form={addForm} layout="vertical" onFinish={add}>
          <Form.Item name="code" label="分类代码" rules={[{ required: true, whitespace: true, message: '请填写分类代码' }, { pattern: /^\S{1,64}$/, message: '代码不能含空格，最长64个字符' }]} extra="用于索引号的{category}，如 A01；保存后不宜更改。">
            <Input />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="basis" label="依据（可留空）">
            <Input placeholder="如：条例第二十条第（一）项" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
