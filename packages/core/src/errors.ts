/**
 * The one error-code union of the product. Every refusal the API gives carries one of these codes;
 * the Chinese message is the default text a user sees (the server may add details).
 */
export const errorMessages = {
  // transport and access
  VALIDATION_FAILED: '请求数据不符合要求',
  UNAUTHENTICATED: '请先登录',
  AUTH_FAILED: '用户名或密码错误',
  ACCOUNT_LOCKED: '连续登录失败次数过多，账号已临时锁定，请稍后再试',
  ACCOUNT_DISABLED: '账号已停用',
  CSRF_INVALID: '页面已过期，请刷新后重试（CSRF 校验失败）',
  FORBIDDEN: '无权执行此操作',
  NOT_FOUND: '对象不存在或不在您的管辖范围内',
  CONFLICT: '数据冲突，请刷新后重试',
  INVALID_TRANSITION: '当前状态下不能执行此操作',
  PAYLOAD_TOO_LARGE: '上传内容超过大小限制',
  RATE_LIMITED: '请求过于频繁，请稍后再试',
  INTERNAL: '系统内部错误，请稍后再试',
  QUERY_TIMEOUT: '查询超时：系统正忙或查询范围过大，请缩小查询范围或稍后再试',
  METHOD_NOT_ALLOWED: '该地址不支持此请求方法',
  // files
  FILE_UNREADABLE: '文件无法读取：请上传 xlsx 或 csv 格式的表格文件',
  FILE_TYPE_NOT_ALLOWED: '文件类型不被接受',
  HEADER_MISSING: '文件缺少表头行',
  COLUMN_MISSING: '文件缺少必需的列',
  FILE_EMPTY: '文件中没有数据行',
  FILE_TOO_COMPLEX:
    '文件过于复杂，无法读取：解压后内容过大、压缩比异常或单元格内容过长（每个单元格最多 32767 个字符），请检查文件后重新上传',
  ROSTER_TOO_MANY_ROWS: '文件行数超过上限，请拆分后分批上传',
  IMPORT_CANCELLED: '导入已取消：处理超过时间限制或连接已断开，未保存任何数据',
  ID_STORED_AS_NUMBER: '身份证号被 Excel 存成了数字，末几位已丢失，请将该列设为文本后重新填写',
  COLUMN_UNKNOWN: '未识别的列，已忽略',
  CHAR_OUTSIDE_GBK: '含有 GBK 字符集以外的字符，请核对显示是否正确',
  // identity and organisation data
  ID_FORMAT_INVALID: '身份证号格式不正确（应为 18 位，最后一位可为 X）',
  ID_CHECKSUM_INVALID: '身份证号校验位错误',
  BIRTH_DATE_INVALID: '身份证号中的出生日期不存在或晚于今天',
  CREDIT_CODE_INVALID: '统一社会信用代码格式不正确（18 位，不含 I、O、S、V、Z）',
  CREDIT_CODE_CHECKSUM: '统一社会信用代码校验位不符，请核实（可由审核人员确认后保留）',
  CREDIT_CODE_DUPLICATE: '统一社会信用代码已被其他单位使用',
  CATEGORY_INVALID: '单位类别不正确',
  AGENCY_UNKNOWN: '代办处不存在',
  HEADCOUNT_INVALID: '职工人数应为不小于 0 的整数',
  NAME_INVALID: '姓名为空或含有不允许的字符',
  PHONE_INVALID: '手机号格式不正确',
  USERNAME_TAKEN: '用户名已存在',
  PASSWORD_WEAK: '密码强度不足：至少 10 位，且不能是常见密码',
  MEMBER_DUPLICATE: '该身份证号的会员已存在',
  // enrolment, claims, relief (used by later modules; listed here so the union is complete)
  AGE_OUT_OF_RANGE: '参保开始日年龄不在产品规定范围内',
  SEX_NOT_ELIGIBLE: '性别不符合产品参保条件',
  SHARES_OUT_OF_RANGE: '参保份数超出产品规定范围',
  DUPLICATE_IN_FILE: '文件中身份证号重复',
  ALREADY_COVERED: '该会员已参加同一产品且保障期重叠',
  EXCLUSIVE_GROUP_CONFLICT: '该会员已参加同组互斥产品且保障期重叠',
  MEDICAL_INSURANCE_REQUIRED: '本产品要求参加职工基本医疗保险',
  PARTICIPATION_BELOW_MINIMUM: '单位参保率低于产品最低要求',
  NOT_COVERED_ON_EVENT_DATE: '事故发生日不在保障期内',
  WAITING_PERIOD: '事故发生在等待期内',
  CLAIM_EXPIRED: '已超过申领时效',
  ALREADY_PAID_OUT: '该保障已给付完毕',
  TERM_CAP_REACHED: '本保障期累计给付已达上限',
  DISEASE_NOT_LISTED: '所患疾病不在保障范围内',
  NOT_ELIGIBLE: '不符合给付条件',
  DUPLICATE_INVOICE: '发票号已在其他申领中使用',
  MATERIALS_INCOMPLETE: '申领材料不齐全',
  AMOUNT_MISMATCH: '到账金额与批次应缴总额不一致',
  RELIEF_LIMIT_REACHED: '已达到本年度救助慰问上限',
  NOT_A_MEMBER_ON_DATE: '事件发生日该会员没有有效保障',
  OWN_APPLICATION: '不能审核或决定本人经办的申请',
  HARDSHIP_FILE_OPEN: '该会员已有在档的困难职工档案',
  // payouts
  BANK_ACCOUNT_MISSING: '会员尚未登记收款银行账户',
  PAYOUT_EMPTY: '没有可支付的已核准申领',
  FAQ_FULL: '常见问题已达上限（每个办事处 500 条），请先整理合并旧条目',
  // hardening (issue 15)
  APPROVAL_CEILING_EXCEEDED: '核准金额超过上限（保障本期剩余给付额度或办事处单笔核准上限）',
  // gig renewal (issue 12 item 5)
  RENEWAL_NOT_OPEN: '距保障到期还早，到期前30天起可续保',
  // member app
  CODE_INVALID: '验证码错误、已过期或已使用，请重新获取',
  REAL_NAME_REQUIRED: '请先完成实名认证',
  VERIFICATION_CLOSED: '该实名认证已结束，请重新发起',
  IDENTITY_UNAVAILABLE: '实名认证服务暂时不可用，请稍后再试',
  // gig self-enrolment (issue 12)
  ENROLMENT_EXPIRED: '该订单已超过支付时限，请重新下单',
  PAYMENT_SIGNATURE_INVALID: '支付通知签名校验失败',
  PAYMENT_UNAVAILABLE: '支付服务暂时不可用，请稍后再试',
  // gift cover campaigns (issue 12 item 4)
  GIFT_EXHAUSTED: '本期赠险名额已领完',
  GIFT_ALREADY_CLAIMED: '您已领取过本活动的赠险，每人限领一份',
  GIFT_NOT_ELIGIBLE: '不符合本赠险活动的领取条件',
  GIFT_CAMPAIGN_CLOSED: '该赠险活动已结束或不在领取期内',
  REFUND_NOT_ALLOWED: '该订单不能退款：保障已开始或尚未支付',
  // enrolment payments as banks send them (issue 14 item 5)
  BATCH_NOT_PAYABLE: '批次不是“待缴费确认”状态，不能登记到账',
  BATCH_UNIT_MISMATCH: '批次不属于该到账的缴费单位',
  PAYMENT_HELD: '批次已有待核对的到账，请先在“待核对”中处理',
  BANK_REFERENCE_CONFLICT: '该银行流水号已登记过另一笔内容不同的到账，请核对流水号',
  PAYMENT_NOT_HELD: '该笔到账不是待核对状态，已处理过，不能再处理',
  OWN_PAYMENT_HOLD: '不能核对本人登记的到账，须由另一位财务人员处理',
  EXCESS_NOTE_REQUIRED: '多缴金额入账须在备注中说明原因（至少 5 个字）',
} as const;

export type ErrorCode = keyof typeof errorMessages;

/**
 * A duplicate found outside the caller's scope (issue 15 item 4): the answer says only that the person or unit is
 * registered elsewhere — no id, no name, nothing about where.
 */
export const registeredElsewhereMessages = {
  MEMBER_DUPLICATE: '该身份证号已在别处登记，请联系办事处核实',
  CREDIT_CODE_DUPLICATE: '该统一社会信用代码已在别处登记，请联系办事处核实',
} as const satisfies Partial<Record<ErrorCode, string>>;

export const errorCodes = Object.keys(errorMessages) as ErrorCode[];

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorMessages, value);
}

/** Severity of a row-level issue in an imported file. */
export type IssueSeverity = 'error' | 'warning';

/** One problem found in one row (Excel row numbers: the header is row 1). */
export interface RowIssue {
  row: number;
  column: string;
  code: ErrorCode;
  severity: IssueSeverity;
  message: string;
}
