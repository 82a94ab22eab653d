import { Segmented } from 'antd';
import { type Lang, useI18n } from '../i18n/i18n';

/** 中文 / English. */
export function LangSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { value: 'zh', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      data-testid="lang-switch"
    />
  );
}
