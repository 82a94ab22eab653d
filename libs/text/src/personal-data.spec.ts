import {
  containsRawPersonalData,
  findPersonalData,
  isValidIdCardNumber,
  maskBankCard,
  maskEmail,
  maskIdCard,
  maskName,
  maskPersonalData,
  maskPhone,
  type PersonalDataKind,
} from './personal-data';

// Test numbers: ID check characters computed with the GB 11643 weights; bank cards Luhn-complete.
const ID_SH = '310101199003071230'; // valid, not Luhn-valid
const ID_X = '11010519491231002X'; // valid, check character X
const ID_LUHN = '310106198506150026'; // valid ID that also passes Luhn: must stay an ID
const ID_BAD_CHECKSUM = '310101199003071234'; // checksum wrong, not Luhn-valid
const ID_BAD_CHECKSUM_LUHN = '310101199003071231'; // checksum wrong but Luhn-valid
const ID_BAD_DATE = '310110199902294565'; // checksum right, 1999-02-29 does not exist
const ID_OLD = '310101900307123'; // 15-digit, born 1990-03-07
const CARD_19 = '6222021234567890128';
const CARD_16 = '6217001234567893';

function kinds(text: string): Array<[PersonalDataKind, string]> {
  return findPersonalData(text).map((m) => [m.kind, m.value]);
}

describe('isValidIdCardNumber', () => {
  it.each([
    ID_SH,
    ID_X,
    ID_X.toLowerCase(),
    ID_LUHN,
    ID_OLD,
    '310101 19900307 1230',
    '３１０１０１１９９００３０７１２３０',
  ])('accepts %s', (id) => {
    expect(isValidIdCardNumber(id)).toBe(true);
  });

  it.each([
    ['a wrong check digit', ID_BAD_CHECKSUM],
    ['a wrong check X', '110105194912310021'],
    ['an impossible date', ID_BAD_DATE],
    ['month 13', '310101199013071230'],
    ['a year before 1900', '310101189003071230'],
    ['an unknown province code', '000101199003071230'],
    ['an old ID with an impossible date', '310101900230123'],
    ['17 digits', ID_SH.slice(0, 17)],
    ['letters', '31010119900307123A'],
  ])('rejects %s', (_label, id) => {
    expect(isValidIdCardNumber(id)).toBe(false);
  });
});

describe('findPersonalData', () => {
  describe('mobile numbers', () => {
    it.each([
      ['13812345678'],
      ['138-1234-5678'],
      ['138 1234 5678'],
      ['+8613812345678'],
      ['+86 138 1234 5678'],
      ['+86-138-1234-5678'],
      ['8613812345678'],
      ['008613812345678'],
      ['19912345678'],
    ])('finds %s with exact indices', (phone) => {
      const text = `联系电话：${phone}，谢谢`;
      expect(findPersonalData(text)).toEqual([
        { kind: 'phone', value: phone, start: 5, end: 5 + phone.length },
      ]);
    });

    it('does not match a phone inside a longer digit run', () => {
      expect(findPersonalData('0013912345678999')).toEqual([]);
      expect(findPersonalData('订单号 913912345678 已支付')).toEqual([]);
      expect(findPersonalData('流水139123456780')).toEqual([]);
    });

    it('does not match numbers that are not mobile numbers', () => {
      expect(findPersonalData('12345热线、11812345678、1381234567')).toEqual([]);
    });

    it('finds a phone right next to Chinese text and letters', () => {
      expect(kinds('张先生13812345678反映')).toEqual([['phone', '13812345678']]);
      expect(kinds('tel13812345678')).toEqual([['phone', '13812345678']]);
    });

    it('finds full-width digits and reports the original characters and indices', () => {
      const text = '手机１３８１２３４５６７８。';
      expect(findPersonalData(text)).toEqual([
        { kind: 'phone', value: '１３８１２３４５６７８', start: 2, end: 13 },
      ]);
    });

    it('finds full-width separators and the ideographic space', () => {
      expect(kinds('＋８６　１３８－１２３４－５６７８')).toEqual([
        ['phone', '＋８６　１３８－１２３４－５６７８'],
      ]);
    });
  });

  describe('landlines', () => {
    it.each([
      ['021-12345678'],
      ['02112345678'],
      ['(021)62345678'],
      ['021 62345678'],
      ['010-62345678'],
      ['0571-8765432'],
      ['05718765432'],
    ])('finds %s', (phone) => {
      expect(kinds(`座机${phone}转人工`)).toEqual([['phone', phone]]);
    });

    it('finds full-width parentheses around the area code', () => {
      expect(kinds('（０２１）６２３４５６７８')).toEqual([['phone', '（０２１）６２３４５６７８']]);
    });

    it('finds a bare 8-digit number only after a contact word', () => {
      expect(kinds('联系电话：62345678')).toEqual([['phone', '62345678']]);
      expect(kinds('联系方式 6234-5678')).toEqual([['phone', '6234-5678']]);
      expect(kinds('电话号码是62345678')).toEqual([['phone', '62345678']]);
      expect(kinds('Tel: 62345678')).toEqual([['phone', '62345678']]);
      expect(kinds('拨打62345678')).toEqual([['phone', '62345678']]);
    });

    it('leaves a bare 8-digit number alone without context', () => {
      expect(findPersonalData('金额62345678元，日期20260315，工单62345678')).toEqual([]);
      expect(findPersonalData('电话费用合计62345678')).toEqual([]);
    });

    it('does not take a landline out of a longer digit run', () => {
      expect(findPersonalData('0211234567890')).toEqual([]);
      expect(findPersonalData('电话623456789')).toEqual([]);
    });
  });

  describe('ID cards', () => {
    it('finds valid 18-digit numbers, with X in either case', () => {
      expect(kinds(`身份证${ID_SH}，${ID_X}，${ID_X.toLowerCase()}`)).toEqual([
        ['id-card', ID_SH],
        ['id-card', ID_X],
        ['id-card', ID_X.toLowerCase()],
      ]);
    });

    it('finds an 18-digit number grouped 6-8-4', () => {
      expect(kinds('身份证 310101 19900307 1230 谢谢')).toEqual([['id-card', '310101 19900307 1230']]);
    });

    it('finds a 15-digit first-generation number', () => {
      expect(kinds(`老身份证${ID_OLD}`)).toEqual([['id-card', ID_OLD]]);
    });

    it('masks a mistyped ID (wrong check character) as an ID: it is still personal data', () => {
      expect(kinds(`身份证${ID_BAD_CHECKSUM}`)).toEqual([['id-card', ID_BAD_CHECKSUM]]);
      expect(kinds(ID_BAD_CHECKSUM_LUHN)).toEqual([['id-card', ID_BAD_CHECKSUM_LUHN]]);
      expect(kinds('身份证310101198001011234')).toEqual([['id-card', '310101198001011234']]);
    });

    it('ignores ID-shaped numbers with an impossible birth date', () => {
      expect(findPersonalData(`身份证${ID_BAD_DATE}`)).toEqual([]);
      expect(findPersonalData('编号310101900230123')).toEqual([]);
    });

    it('reports an ID number that also passes Luhn as an ID, not a bank card', () => {
      expect(kinds(ID_LUHN)).toEqual([['id-card', ID_LUHN]]);
    });

    it('does not match a valid ID inside a longer digit run', () => {
      expect(findPersonalData(`9${ID_SH}`)).toEqual([]);
      expect(findPersonalData(`${ID_SH}9`)).toEqual([]);
    });

    it('finds full-width ID numbers', () => {
      expect(kinds('身份证号３１０１０１１９９００３０７１２３０')).toEqual([
        ['id-card', '３１０１０１１９９００３０７１２３０'],
      ]);
    });
  });

  describe('e-mail', () => {
    it('finds addresses next to Chinese text and excludes the sentence full stop', () => {
      expect(kinds('邮箱zhang.san+hub@example.com.cn。或者li_si@qq.com.')).toEqual([
        ['email', 'zhang.san+hub@example.com.cn'],
        ['email', 'li_si@qq.com'],
      ]);
    });

    it('reports a QQ mail address as e-mail, not as a phone', () => {
      expect(kinds('13812345678@163.com')).toEqual([['email', '13812345678@163.com']]);
    });

    it('ignores things that are not addresses', () => {
      expect(findPersonalData('@小区物业 a@b user@localhost')).toEqual([]);
    });
  });

  describe('bank cards', () => {
    it('finds Luhn-valid 16- and 19-digit numbers', () => {
      expect(kinds(`卡号${CARD_19}，另一张${CARD_16}`)).toEqual([
        ['bank-card', CARD_19],
        ['bank-card', CARD_16],
      ]);
    });

    it('finds cards grouped in fours', () => {
      expect(kinds('卡号 6222 0212 3456 7890 128 已冻结')).toEqual([
        ['bank-card', '6222 0212 3456 7890 128'],
      ]);
      expect(kinds('卡号6217-0012-3456-7893')).toEqual([['bank-card', '6217-0012-3456-7893']]);
    });

    it('ignores Luhn-invalid numbers and longer runs', () => {
      expect(findPersonalData('6222021234567890127')).toEqual([]);
      expect(findPersonalData(`${CARD_19}0`)).toEqual([]);
      expect(findPersonalData('1234567890123456')).toEqual([]);
    });
  });

  it('finds several kinds in one text, in order, without overlaps', () => {
    const text = `我叫张三，手机138-1234-5678，身份证${ID_X}，邮箱zhangsan@example.com，卡号${CARD_16}，座机021-62345678。`;
    const found = findPersonalData(text);
    expect(found.map((m) => m.kind)).toEqual(['phone', 'id-card', 'email', 'bank-card', 'phone']);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.value);
    for (let i = 1; i < found.length; i++) expect(found[i].start).toBeGreaterThanOrEqual(found[i - 1].end);
  });

  it('returns nothing for ordinary text', () => {
    expect(findPersonalData('静安区12345热线：2026年3月15日小区底层餐馆油烟扰民，已转办3次。')).toEqual([]);
    expect(findPersonalData('')).toEqual([]);
  });
});

describe('mask functions', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['+86 138 1234 5678', '+86 138****5678'],
    ['008613812345678', '+86 138****5678'],
    ['１３８１２３４５６７８', '138****5678'],
    ['021-12345678', '021-****5678'],
    ['02112345678', '021-****5678'],
    ['(021)62345678', '021-****5678'],
    ['0571-8765432', '0571-****5432'],
    ['62345678', '****5678'],
    ['6234-5678', '****5678'],
    ['12345', '*2345'],
    ['123', '***'],
  ])('maskPhone(%s) = %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it('maskIdCard keeps the first 6 and last 4 characters', () => {
    expect(maskIdCard(ID_SH)).toBe('310101********1230');
    expect(maskIdCard(ID_X)).toBe('110105********002X');
    expect(maskIdCard('310101 19900307 1230')).toBe('310101********1230');
    expect(maskIdCard(ID_OLD)).toBe('310101*****7123');
  });

  it('maskBankCard keeps the first 4 and last 4 digits', () => {
    expect(maskBankCard(CARD_16)).toBe('6217********7893');
    expect(maskBankCard(CARD_19)).toBe('6222***********0128');
    expect(maskBankCard('6222 0212 3456 7890 128')).toBe('6222***********0128');
  });

  it('maskEmail keeps the first character of the local part and the domain', () => {
    expect(maskEmail('zhangsan@example.com')).toBe('z***@example.com');
    expect(maskEmail('a@qq.com')).toBe('a***@qq.com');
    expect(maskEmail('ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('z***@example.com');
    expect(maskEmail('not-an-email')).toBe('***');
  });

  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['王小明', '王**'],
    ['张', '张'],
    ['张先生', '张先生'],
    ['李女士', '李女士'],
    ['王小姐', '王小姐'],
    ['张三先生', '张*先生'],
    ['欧阳先生', '欧*先生'],
    ['  赵六  ', '赵*'],
    ['先生', '先生'],
    ['', ''],
    ['𠮷野家', '𠮷**'],
  ])('maskName(%s) = %s', (input, masked) => {
    expect(maskName(input)).toBe(masked);
  });
});

describe('maskPersonalData', () => {
  it('masks every kind and keeps the surrounding text exactly', () => {
    const text = `您好，我是张先生，手机13812345678，身份证${ID_SH}，邮箱zhangsan@example.com，卡号${CARD_16}，座机021-62345678。谢谢！`;
    const { text: masked, found } = maskPersonalData(text);
    expect(masked).toBe(
      '您好，我是张先生，手机138****5678，身份证310101********1230，邮箱z***@example.com，卡号6217********7893，座机021-****5678。谢谢！',
    );
    expect(found.map((m) => m.kind)).toEqual(['phone', 'id-card', 'email', 'bank-card', 'phone']);
    expect(found[0]).toEqual({ kind: 'phone', value: '13812345678', start: 11, end: 22 });
  });

  it('masks full-width phone numbers in place', () => {
    const { text, found } = maskPersonalData('请回电１３８１２３４５６７８，急！');
    expect(text).toBe('请回电138****5678，急！');
    expect(found).toEqual([{ kind: 'phone', value: '１３８１２３４５６７８', start: 3, end: 14 }]);
  });

  it('masks a number with a country code and separators', () => {
    expect(maskPersonalData('手机：+86 138-1234-5678。').text).toBe('手机：+86 138****5678。');
  });

  it('masks the same number each time it appears', () => {
    expect(maskPersonalData('13812345678或13812345678').text).toBe('138****5678或138****5678');
  });

  it('leaves text without personal data untouched', () => {
    const text = '静府办发〔2026〕4号，2026年3月15日，12345热线，0013912345678999。';
    expect(maskPersonalData(text)).toEqual({ text, found: [] });
  });

  it('is idempotent: masked output holds no raw personal data', () => {
    const text = `电话13812345678，+86 139 1234 5678，021-62345678，联系电话62345678，${ID_X}，${ID_OLD}，a.b@c.com，${CARD_19}`;
    const once = maskPersonalData(text).text;
    expect(containsRawPersonalData(text)).toBe(true);
    expect(containsRawPersonalData(once)).toBe(false);
    expect(maskPersonalData(once)).toEqual({ text: once, found: [] });
  });
});

describe('containsRawPersonalData', () => {
  it('is true for raw data and false for masked forms', () => {
    expect(containsRawPersonalData('手机13812345678')).toBe(true);
    expect(containsRawPersonalData('手机１３８１２３４５６７８')).toBe(true);
    expect(containsRawPersonalData('手机138****5678，身份证310101********1230，z***@example.com')).toBe(
      false,
    );
    expect(containsRawPersonalData('')).toBe(false);
  });
});
