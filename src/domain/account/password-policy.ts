// Password rules in the manner of 等保 2.0 第二级 (GB/T 22239-2019 8.1.4.1 身份鉴别: 口令具有
// 复杂度要求并定期更换): long enough, mixed character classes, not the login name, not a
// well-known password. Returns every reason in Chinese, so the user fixes them all at once.

export const PASSWORD_POLICY = Object.freeze({
  minLength: 10,
  /** An upper bound keeps hashing cheap and input sane. */
  maxLength: 128,
  /** Of the four classes: upper case, lower case, digits, other characters. */
  minClasses: 3,
  /** Shorter login names are not searched for inside the password (too many false matches). */
  minLoginLengthToCheck: 3,
});

// Passwords that meet length and class rules yet head every leaked list; compared case-insensitively.
const COMMON_PASSWORDS: readonly string[] = [
  'password123', 'password@123', 'password!123', 'p@ssw0rd123', 'p@ssword123', 'passw0rd!23',
  'admin@12345', 'admin@123456', 'admin123456', 'administrator1', 'qwer1234!@#$', 'qwerty@12345',
  '1qaz@wsx3edc', '1qaz2wsx3edc', '1qaz!qaz1qaz', 'zaq1@wsx3edc', 'abc@1234567', 'abcd@123456',
  'welcome@123', 'root@123456', 'gov@123456', 'zhengfu@123', 'a123456789', 'aa123456789',
];

export function passwordClassesOf(password: string): number {
  const patterns = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];
  return patterns.filter((pattern) => pattern.test(password)).length;
}

/** Reasons the password is refused (empty when it is acceptable). */
export function validatePassword(password: string, login: string): string[] {
  const reasons: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_POLICY.minLength) reasons.push(`密码长度不能少于${PASSWORD_POLICY.minLength}个字符`);
  if (length > PASSWORD_POLICY.maxLength) reasons.push(`密码长度不能超过${PASSWORD_POLICY.maxLength}个字符`);
  if (passwordClassesOf(password) < PASSWORD_POLICY.minClasses) {
    reasons.push('密码须包含大写字母、小写字母、数字、其他符号中的至少三类');
  }
  const name = login.trim().toLowerCase();
  if (name.length >= PASSWORD_POLICY.minLoginLengthToCheck && password.toLowerCase().includes(name)) {
    reasons.push('密码不能包含登录名');
  }
  if (COMMON_PASSWORDS.includes(password.toLowerCase())) reasons.push('密码过于常见，容易被猜到，请换一个');
  return reasons;
}
