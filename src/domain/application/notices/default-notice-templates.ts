// The templates an agency starts from. The statutory phrases follow the 条例 (domain.md Part 2
// §D–§G, with its V/M marks); the rest of the wording is ours, modelled on the usual 告知书
// (称谓, body, 特此告知, contact line) and NOT VERIFIED against a published model letter:
// have an agency's legal staff read them before first use.
import { REPLY_GROUNDS, type ReplyGroundCode } from '../reply-outcomes.ts';
import { NOTICE_TEMPLATE_KINDS, groundOf, isReplyTemplateKind, type NoticeTemplateKind } from './notice-kinds.ts';
import type { NoticeTemplate } from './notice-template.ts';

const REGULATION = '《中华人民共和国政府信息公开条例》';
const DOCUMENT_NUMBER = '申请编号：{{trackingNumber}}';
const TO_APPLICANT = '{{applicantName}}：';
const TO_PARTY = '{{consultedParty}}：';
const RECEIVED = '本机关于{{receivedOn}}收到您提出的政府信息公开申请，申请获取“{{requestedInformation}}”。';
const RECEIVED_OTHERS = '本机关于{{receivedOn}}收到政府信息公开申请，申请公开“{{requestedInformation}}”。';
const SO_NOTIFIED = '特此告知。';
const CONTACT = '联系人及联系电话：{{contact}}';

const CORRECTION: NoticeTemplate = {
  title: '政府信息公开申请补正告知书',
  documentNumber: DOCUMENT_NUMBER,
  addressee: TO_APPLICANT,
  paragraphs: [
    `${RECEIVED}经审查，您的申请内容不明确，本机关无法确定您所申请公开的政府信息。根据${REGULATION}第三十条的规定，请您对下列事项作出补正：`,
    '{{correctionItems}}',
    // 第三十条 [V]: the clock restarts on the corrected application; 逾期不补正 → 视为放弃申请.
    '请您于{{correctionDeadline}}前（含当日）向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
    SO_NOTIFIED,
    CONTACT,
  ],
};

const EXTENSION: NoticeTemplate = {
  title: '政府信息公开申请延期答复告知书',
  documentNumber: DOCUMENT_NUMBER,
  addressee: TO_APPLICANT,
  paragraphs: [
    // 第三十三条 [V]: 经政府信息公开工作机构负责人同意并告知申请人, at most 20 working days.
    `${RECEIVED}因{{reason}}，本机关无法在法定期限内作出答复。经本机关政府信息公开工作机构负责人同意，根据${REGULATION}第三十三条的规定，答复期限延长{{extensionDays}}个工作日，本机关将于{{newDueOn}}前（含当日）作出答复。`,
    SO_NOTIFIED,
    CONTACT,
  ],
};

const THIRD_PARTY_CONSULTATION: NoticeTemplate = {
  title: '政府信息公开征求第三方意见函',
  documentNumber: DOCUMENT_NUMBER,
  addressee: TO_PARTY,
  paragraphs: [
    `${RECEIVED_OTHERS}经审查，公开该政府信息可能损害贵方的合法权益。根据${REGULATION}第三十二条的规定，现书面征求贵方意见。`,
    // 第三十二条 [V]: 15 working days from receipt of the letter; silence → the agency decides.
    `请贵方自收到本函之日起15个工作日内，以书面形式向本机关提出是否同意公开的意见；不同意公开的，请说明理由。逾期未提出意见的，由本机关依照${REGULATION}的规定决定是否公开。`,
    CONTACT,
  ],
};

const AGENCY_CONSULTATION: NoticeTemplate = {
  title: '政府信息公开征求意见函',
  documentNumber: DOCUMENT_NUMBER,
  addressee: TO_PARTY,
  paragraphs: [
    `${RECEIVED_OTHERS}该政府信息由本机关与贵单位共同制作。根据${REGULATION}第三十四条的规定，现征求贵单位意见。`,
    // 第三十四条 [M]: 15 working days; 逾期未提出意见的视为同意公开.
    '请贵单位自收到本函之日起15个工作日内，以书面形式向本机关提出是否同意公开的意见；不同意公开的，请说明理由和依据。逾期未提出意见的，视为同意公开。',
    CONTACT,
  ],
};

const FEE: NoticeTemplate = {
  title: '政府信息公开信息处理费收费通知书',
  documentNumber: DOCUMENT_NUMBER,
  addressee: TO_APPLICANT,
  paragraphs: [
    `${RECEIVED}根据${REGULATION}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关对您的申请收取信息处理费，计算如下：`,
    '{{feeLines}}',
    '请您于{{payBy}}前（含当日）缴纳信息处理费{{feeAmount}}元。缴费方式：{{paymentMethod}}。',
    // Corroborated only by table 3 row （六）2's wording; 109号文's own article NOT VERIFIED (domain.md §G).
    '您逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。',
    SO_NOTIFIED,
    CONTACT,
  ],
};

const REPLY_OPENING = `${RECEIVED}经审查，现答复如下：`;

/** What the 答复书 says on each ground, after the opening; the phrases of 第三十六至三十九条 [M]. */
const REPLY_BODIES: Record<ReplyGroundCode, readonly string[]> = {
  already_published: ['您申请获取的政府信息已经主动公开。根据{{legalBasis}}的规定，现告知您获取该政府信息的方式、途径：{{accessMethod}}。'],
  disclosable: ['您申请获取的政府信息属于可以公开的政府信息。根据{{legalBasis}}的规定，本机关予以公开。获取该政府信息的方式、途径和时间：{{accessMethod}}。'],
  partly_disclosable: [
    '您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理。根据{{legalBasis}}的规定，本机关向您提供可以公开的政府信息内容，获取方式：{{accessMethod}}。',
    '对不予公开的内容，理由如下：{{reason}}。',
  ],
  state_secret: refusal('您申请获取的政府信息依法确定为国家秘密'),
  // The ground's law must be named (reply-outcomes.ts letterMustState): it goes in the reason.
  prohibited_by_law: refusal('您申请获取的政府信息属于法律、行政法规禁止公开的信息'),
  security_stability: refusal('您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定'),
  third_party_rights: refusal('您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害'),
  internal_affairs: refusal('您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息'),
  process_info: refusal('您申请获取的政府信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息'),
  enforcement_file: refusal('您申请获取的政府信息属于行政执法案卷信息'),
  inquiry_matter: ['您申请获取的政府信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。根据{{legalBasis}}的规定，请您依照有关法律、行政法规的规定办理：{{accessMethod}}。'],
  not_exist: ['经检索，本机关没有您所申请公开的政府信息。根据{{legalBasis}}的规定，现告知您该政府信息不存在。'],
  not_this_agency: ['您申请获取的政府信息不属于本机关负责公开，理由：{{reason}}。根据{{legalBasis}}的规定，现告知您：负责公开该政府信息的行政机关为{{competentAgency}}，您可以向该机关提出申请。'],
  needs_creation: ['您申请获取的政府信息需要本机关对现有政府信息进行加工、分析才能形成。根据{{legalBasis}}的规定，本机关不予提供。'],
  unclear_after_correction: ['经您补正后，申请内容仍不明确，本机关无法确定您所申请公开的政府信息。根据{{legalBasis}}的规定，本机关无法提供。'],
  petition: ['您以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{{legalBasis}}的规定，本机关不作为政府信息公开申请处理。您可以通过信访、投诉、举报等相应渠道提出。'],
  duplicate: ['本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息。根据{{legalBasis}}的规定，本机关不予重复处理。'],
  publication: ['您申请获取的是政府公报、报刊、书籍等公开出版物。根据{{legalBasis}}的规定，现告知您获取途径：{{accessMethod}}。'],
  excessive: ['您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，您的申请理由不合理。根据{{legalBasis}}的规定，本机关不予处理。'],
  // A practice category with no article: staff write the basis (formatLegalBasis gives null).
  confirmation: ['您的申请内容为要求本机关确认或者重新出具您已获取的信息。根据{{legalBasis}}的规定，本机关不作为政府信息公开申请处理。'],
  no_correction: ['本机关已告知您对申请作出补正，补正期限至{{correctionDeadline}}。您无正当理由逾期未补正，视为放弃申请。根据{{legalBasis}}的规定，本机关不再处理该政府信息公开申请。'],
  fee_unpaid: ['本机关已向您发出信息处理费收费通知，缴费期限至{{payBy}}。您逾期未按收费通知要求缴纳费用，视为放弃申请。根据{{legalBasis}}的规定，本机关不再处理该政府信息公开申请。'],
  withdrawn: ['您已撤回该政府信息公开申请，本机关终止办理。'],
  other: ['{{reason}}。根据{{legalBasis}}的规定，本机关作出上述处理。'],
};

function refusal(ground: string): readonly string[] {
  // 第三十六条第（三）项: 告知申请人不予公开并说明理由.
  return [`${ground}。根据{{legalBasis}}的规定，本机关决定不予公开。理由：{{reason}}。`];
}

function reply(ground: ReplyGroundCode): NoticeTemplate {
  const remedies = REPLY_GROUNDS.find((g) => g.code === ground)!.remedies;
  if (!remedies) {
    // A withdrawal: no decision, so a short 终止办理 notice and no remedies clause.
    return { title: '政府信息公开申请终止办理告知书', documentNumber: DOCUMENT_NUMBER, addressee: TO_APPLICANT, paragraphs: [RECEIVED + REPLY_BODIES[ground].join(''), SO_NOTIFIED, CONTACT] };
  }
  return {
    title: '政府信息公开申请答复书',
    documentNumber: DOCUMENT_NUMBER,
    addressee: TO_APPLICANT,
    paragraphs: [REPLY_OPENING, ...REPLY_BODIES[ground], '{{remedies}}', CONTACT],
  };
}

/** The default template of a kind; an agency's edited copy replaces it. */
export function defaultNoticeTemplate(kind: NoticeTemplateKind): NoticeTemplate {
  if (isReplyTemplateKind(kind)) return reply(groundOf(kind)!);
  switch (kind) {
    case 'correction':
      return CORRECTION;
    case 'extension':
      return EXTENSION;
    case 'third_party_consultation':
      return THIRD_PARTY_CONSULTATION;
    case 'agency_consultation':
      return AGENCY_CONSULTATION;
    case 'fee':
      return FEE;
  }
}

export const DEFAULT_NOTICE_TEMPLATES: ReadonlyMap<NoticeTemplateKind, NoticeTemplate> = new Map(NOTICE_TEMPLATE_KINDS.map((kind) => [kind, defaultNoticeTemplate(kind)]));
