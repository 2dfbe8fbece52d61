PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT, finished_at TEXT, version TEXT, argv TEXT,
    status TEXT,                 -- running | done | interrupted
    n_inputs INTEGER, n_ok INTEGER, n_failed INTEGER,
    n_errors INTEGER, n_warnings INTEGER, n_info INTEGER,
    seconds REAL, timings TEXT   -- JSON: seconds per stage, summed over the run
);
CREATE TABLE reports (
    id TEXT PRIMARY KEY,         -- sha256 of the input's bytes
    source TEXT, status TEXT, error TEXT, encoding TEXT, template TEXT,
    organ TEXT, region TEXT, year INTEGER, published TEXT, title TEXT,
    report_key TEXT,             -- organ|year: the same report across corrected versions
    text TEXT,                   -- the normalized text every span points into
    display_text TEXT,           -- the same text as printed, when it was converted from traditional characters
    kind TEXT,                   -- the input: text | html | docx | pdf
    n_errors INTEGER, n_warnings INTEGER, n_info INTEGER,
    run_id INTEGER REFERENCES runs(id), extracted_at TEXT, version TEXT, seconds REAL,
    source_path TEXT,            -- the input's absolute path: one current version per path
    current INTEGER DEFAULT 1,   -- 1 the file's current version; 0 an earlier one, kept as history and not counted
    superseded_by TEXT,          -- for an earlier version: the id of the version that replaced it
    rid INTEGER,                 -- the integer key report_data (and everything packed) is stored under
    file_size INTEGER, file_mtime_ns INTEGER,   -- the file as read: unchanged size, time and options are not read again
    options TEXT,                -- tool version and the options that change what is read (see batch.BatchOptions.stamp)
    ocr TEXT                     -- JSON, scanned inputs only: {"cells": field → {page, box, confidence,
                                 -- digit_confidence, stamped}, "marks": every OCR-read piece's span, page, box}
);
INSERT INTO reports VALUES('bb67c8ef8a1f7caab8711dcf917e48333d4f67ab7ff246872c4bb44b2b2df6b4','/tmp/h12/oldin/004.txt','ok',NULL,'utf-8','2021','安居镇',NULL,2024,NULL,NULL,'安居镇|2024',replace('一、总体情况\n(一)主动公开情况:2024年度,我镇对信息公开情况进行了梳理,政府网站主动公开的政务公开信息总量为61条,其中,政策问答2条,政府文件1条,公示公告1条,政策解读1条,财政资金4条,规划信息1条,统计信息2条,重大建设项目1条,公益事业建设37条,公共资源配置2条,其他主动公开内容9条,镇政务微信公众号公开信息340条,市长热线回复信息629件,极大的方便群众及时了解我镇办事流程和工作动态。\n(二)政府信息依申请公开情况:2024年安居镇收到1条依申请公开。\n(三)政府信息管理情况:2024年,我镇认真贯彻落实省市县关于全面推进政务公开工作的系列决策部署,不断丰富政府信息公开内容、程序及形式,突出工作重点,加强机制建设,回应公众关切,提升政务公开制度化、规范化和信息化水平。\n(四)政府信息公开平台建设情况:目前,我镇主要通过随县人民政府网站(http://www.zgsuixian.gov.cn/)和古韵安居微信公众号来公开政府信息。\n(五)监督保障情况:进一步健全政府信息公开工作机制,认真做好公开专栏的运营监管工作,指定专人负责更新维护。密切配合县政务公开领导小组办公室抽查检查工作,对发现的问题第一时间整改到位,保证正常、规范运营。\n二、主动公开政府信息情况\n2024年,我镇共制发规章、行政规范性文件0件,废止0件,现行有效0件,本年度处理行政许可558件,行政处罚24件,行政强制0件,本年度行政事业性收费0元。\n第二十条第(一)项 | |||\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 0 | 0 | 0 |\n行政规范性文件 | 0 | 0 | 0 |\n第二十条第(五)项 | |||\n信息内容 | 本年处理决定数量 | ||\n行政许可 | 290 | ||\n第二十条第(六)项 | |||\n信息内容 | 本年处理决定数量 | ||\n行政处罚 | 24 | ||\n行政强制 | 0 | ||\n第二十条第(八)项 | |||\n信息内容 | 本年收费金额(单位:万元) | ||\n行政事业性收费 | 0 |\n三、收到和处理政府信息公开申请情况\n2024年度我镇共受理依申请公开1件,予以公开的1件。我镇坚持依法依规按时答复。\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||\n自然人 | 法人或其他组织 | 总计 | |||||||\n商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||\n一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n三、本年度办理结果 | (一)予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | |\n(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n(三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n(四)无法提供 | 1.本机关不掌握相关政府信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n(五)不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n(六)其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n(七)总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n四、政府信息公开行政复议、行政诉讼情况\n我镇严格履行《条例》赋予的法定职责,2024年度全镇因政府信息公开发生的行政复议和行政诉讼的情况如下:\n行政复议 | 行政诉讼 | |||||||||||||\n结果维持 | 结果 | 其他 | 尚未 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||\n结果 | 结果 | 其他 | 尚未 | 总计 | 结果 | 结果 | 其他 | 尚未 | 总计 | |||||\n1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n五、存在的主要问题及改进情况\n我镇在推进政务公开工作方面做了一些工作、取得了一定成效,但也存在一些不足。一是政务信息的更新频率和质量较低,信息更新不够及时,且部分信息的准确性、完整性和实用性有待提高;二是政务公开工作人员综合能力有待加强,在处理政务公开工作时,存在着对政策法规理解不深、对公众需求把握不准、服务意识不强等问题。\n针对存在的问题,安居镇在今后的政府信息公开过程中,一是着重于提升政务信息的更新频率和质量,设立专职信息员负责收集和整理各类政务信息,确保信息的采集和发布无缝对接,公众能够及时获取最新的政策法规、办事指南以及民生动态。同时,定期查看政府网站,明确政府网站内容管理和政务新媒体具体职责,确保发布内容的准确性和权威性,避免了信息错误或过时的情况,提升了公众对政务网站的信任度。二是加强对政务公开工作人员培训,提升工作效能,加强对文字、图片编辑处理技能和常见错敏词库的学习,工作人员可以更加准确地把握用词的分寸,结合日常检测发现错误,进行自查自纠,及时纠正错误,防止错误信息的传播,确保发布信息的权威、准确。同时,加强对业务知识的学习,政务公开工作涉及面广,政策性强,工作人员需要不断学习新的政策法规,了解最新的工作动态。只有掌握了扎实的业务知识,才能更好地为公众提供服务,为提供高质量的政务信息更新服务打下了坚实的基础。\n六、其他需要报告的事项\n(一)政府信息处理费收取情况:2024年,我镇无政府信息处理费收取情况。\n(二)建议提案办理公开情况:在政府信息公开专栏,共公开人大、政协提案办理情况1条。\n(三)政务公开工作要点落实情况:坚持把随县人民政府门户网站作为我镇信息公开的主要载体和第一平台,严格按照要求进行政府信息公开。同时,还积极向随县发布、云上随县、云上随州、湖北日报等平台报送信息。\n(四)重点领域政府信息公开情况:重大建设项目批准与实施、公益事业建设、公共资源配置等政府信息公开将继续将行政权责清单、财政资金使用、公共资源配置、公共服务、重大项目建设以及涉及企业、群众切身利益的事项等作为重点,加大政务公开力度,提高政务公开透明度。\n您访问的链接即将离开“随县人民政府”门户网站,是否继续?','\n',char(10)),NULL,'text',1,0,0,NULL,'2026-11-30T14:48:32+00:00','0.1.0',0.022554999999999998661,'/tmp/h12/oldin/004.txt',1,NULL,1,NULL,NULL,NULL,NULL);
INSERT INTO reports VALUES('92fec1a7aedab08d143ec3eac95edb318efd4134b19e866240f3fc08be6686c4','/tmp/h12/oldin/004_trad.txt','ok',NULL,'utf-8','2021','安居镇',NULL,2024,NULL,NULL,'安居镇|2024',replace('一、总体情况\n(一)主动公开情况:2024年度,我镇对信息公开情况进行了梳理,政府网站主动公开的政务公开信息总量为61条,其中,政策问答2条,政府文件1条,公示公告1条,政策解读1条,财政资金4条,规划信息1条,统计信息2条,重大建设项目1条,公益事业建设37条,公共资源配置2条,其他主动公开内容9条,镇政务微信公众号公开信息340条,市长热线回复信息629件,极大的方便群众及时了解我镇办事流程和工作动态。\n(二)政府信息依申请公开情况:2024年安居镇收到1条依申请公开。\n(三)政府信息管理情况:2024年,我镇认真贯彻落实省市县关于全面推进政务公开工作的系列决策部署,不断丰富政府信息公开内容、程序及形式,突出工作重点,加强机制建设,回应公众关切,提升政务公开制度化、规范化和信息化水平。\n(四)政府信息公开平台建设情况:目前,我镇主要通过随县人民政府网站(http://www.zgsuixian.gov.cn/)和古韵安居微信公众号来公开政府信息。\n(五)监督保障情况:进一步健全政府信息公开工作机制,认真做好公开专栏的运营监管工作,指定专人负责更新维护。密切配合县政务公开领导小组办公室抽查检查工作,对发现的问题第一时间整改到位,保证正常、规范运营。\n二、主动公开政府信息情况\n2024年,我镇共制发规章、行政规范性文件0件,废止0件,现行有效0件,本年度处理行政许可558件,行政处罚24件,行政强制0件,本年度行政事业性收费0元。\n第二十条第(一)项 | |||\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n规章 | 0 | 0 | 0 |\n行政规范性文件 | 0 | 0 | 0 |\n第二十条第(五)项 | |||\n信息内容 | 本年处理决定数量 | ||\n行政许可 | 290 | ||\n第二十条第(六)项 | |||\n信息内容 | 本年处理决定数量 | ||\n行政处罚 | 24 | ||\n行政强制 | 0 | ||\n第二十条第(八)项 | |||\n信息内容 | 本年收费金额(单位:万元) | ||\n行政事业性收费 | 0 |\n三、收到和处理政府信息公开申请情况\n2024年度我镇共受理依申请公开1件,予以公开的1件。我镇坚持依法依规按时答复。\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | ||||||||\n自然人 | 法人或其他组织 | 总计 | |||||||\n商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||\n一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n三、本年度办理结果 | (一)予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | |\n(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n(三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n(四)无法提供 | 1.本机关不掌握相关政府信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n(五)不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n(六)其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n(七)总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n四、政府信息公开行政复议、行政诉讼情况\n我镇严格履行《条例》赋予的法定职责,2024年度全镇因政府信息公开发生的行政复议和行政诉讼的情况如下:\n行政复议 | 行政诉讼 | |||||||||||||\n结果维持 | 结果 | 其他 | 尚未 | 总计 | 未经复议直接起诉 | 复议后起诉 | ||||||||\n结果 | 结果 | 其他 | 尚未 | 总计 | 结果 | 结果 | 其他 | 尚未 | 总计 | |||||\n1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n五、存在的主要问题及改进情况\n我镇在推进政务公开工作方面做了一些工作、取得了一定成效,但也存在一些不足。一是政务信息的更新频率和质量较低,信息更新不够及时,且部分信息的准确性、完整性和实用性有待提高;二是政务公开工作人员综合能力有待加强,在处理政务公开工作时,存在着对政策法规理解不深、对公众需求把握不准、服务意识不强等问题。\n针对存在的问题,安居镇在今后的政府信息公开过程中,一是着重于提升政务信息的更新频率和质量,设立专职信息员负责收集和整理各类政务信息,确保信息的采集和发布无缝对接,公众能够及时获取最新的政策法规、办事指南以及民生动态。同时,定期查看政府网站,明确政府网站内容管理和政务新媒体具体职责,确保发布内容的准确性和权威性,避免了信息错误或过时的情况,提升了公众对政务网站的信任度。二是加强对政务公开工作人员培训,提升工作效能,加强对文字、图片编辑处理技能和常见错敏词库的学习,工作人员可以更加准确地把握用词的分寸,结合日常检测发现错误,进行自查自纠,及时纠正错误,防止错误信息的传播,确保发布信息的权威、准确。同时,加强对业务知识的学习,政务公开工作涉及面广,政策性强,工作人员需要不断学习新的政策法规,了解最新的工作动态。只有掌握了扎实的业务知识,才能更好地为公众提供服务,为提供高质量的政务信息更新服务打下了坚实的基础。\n六、其他需要报告的事项\n(一)政府信息处理费收取情况:2024年,我镇无政府信息处理费收取情况。\n(二)建议提案办理公开情况:在政府信息公开专栏,共公开人大、政协提案办理情况1条。\n(三)政务公开工作要点落实情况:坚持把随县人民政府门户网站作为我镇信息公开的主要载体和第一平台,严格按照要求进行政府信息公开。同时,还积极向随县发布、云上随县、云上随州、湖北日报等平台报送信息。\n(四)重点领域政府信息公开情况:重大建设项目批准与实施、公益事业建设、公共资源配置等政府信息公开将继续将行政权责清单、财政资金使用、公共资源配置、公共服务、重大项目建设以及涉及企业、群众切身利益的事项等作为重点,加大政务公开力度,提高政务公开透明度。\n您访问的链接即将离开“随县人民政府”门户网站,是否继续?','\n',char(10)),replace('一、總體情況\n(一)主動公開情況:2024年度,我鎮對信息公開情況進行了梳理,政府網站主動公開的政務公開信息總量爲61條,其中,政策問答2條,政府文件1條,公示公告1條,政策解讀1條,財政資金4條,規劃信息1條,統計信息2條,重大建設項目1條,公益事業建設37條,公共資源配置2條,其他主動公開內容9條,鎮政務微信公衆號公開信息340條,市長熱線回覆信息629件,極大的方便羣衆及時瞭解我鎮辦事流程和工作動態。\n(二)政府信息依申請公開情況:2024年安居鎮收到1條依申請公開。\n(三)政府信息管理情況:2024年,我鎮認真貫徹落實省市縣關於全面推進政務公開工作的系列決策部署,不斷豐富政府信息公開內容、程序及形式,突出工作重點,加強機制建設,回應公衆關切,提升政務公開制度化、規範化和信息化水平。\n(四)政府信息公開平臺建設情況:目前,我鎮主要通過隨縣人民政府網站(http://www.zgsuixian.gov.cn/)和古韻安居微信公衆號來公開政府信息。\n(五)監督保障情況:進一步健全政府信息公開工作機制,認真做好公開專欄的運營監管工作,指定專人負責更新維護。密切配合縣政務公開領導小組辦公室抽查檢查工作,對發現的問題第一時間整改到位,保證正常、規範運營。\n二、主動公開政府信息情況\n2024年,我鎮共制發規章、行政規範性文件0件,廢止0件,現行有效0件,本年度處理行政許可558件,行政處罰24件,行政強制0件,本年度行政事業性收費0元。\n第二十條第(一)項 | |||\n信息內容 | 本年制發件數 | 本年廢止件數 | 現行有效件數 |\n規章 | 0 | 0 | 0 |\n行政規範性文件 | 0 | 0 | 0 |\n第二十條第(五)項 | |||\n信息內容 | 本年處理決定數量 | ||\n行政許可 | 290 | ||\n第二十條第(六)項 | |||\n信息內容 | 本年處理決定數量 | ||\n行政處罰 | 24 | ||\n行政強制 | 0 | ||\n第二十條第(八)項 | |||\n信息內容 | 本年收費金額(單位:萬元) | ||\n行政事業性收費 | 0 |\n三、收到和處理政府信息公開申請情況\n2024年度我鎮共受理依申請公開1件,予以公開的1件。我鎮堅持依法依規按時答覆。\n(本列數據的勾稽關係爲:第一項加第二項之和,等於第三項加第四項之和) | 申請人情況 | ||||||||\n自然人 | 法人或其他組織 | 總計 | |||||||\n商業 企業 | 科研 機構 | 社會公益組織 | 法律服務機構 | 其他 | |||||\n一、本年新收政府信息公開申請數量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n二、上年結轉政府信息公開申請數量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n三、本年度辦理結果 | (一)予以公開 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | |\n(二)部分公開(區分處理的,只計這一情形,不計其他情形) | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n(三)不予公開 | 1.屬於國家祕密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n2.其他法律行政法規禁止公開 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n3.危及“三安全一穩定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n4.保護第三方合法權益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n5.屬於三類內部事務信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n6.屬於四類過程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n7.屬於行政執法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n8.屬於行政查詢事項 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n(四)無法提供 | 1.本機關不掌握相關政府信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n2.沒有現成信息需要另行製作 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n3.補正後申請內容仍不明確 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n(五)不予處理 | 1.信訪舉報投訴類申請 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n2.重複申請 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n3.要求提供公開出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n4.無正當理由大量反覆申請 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n5.要求行政機關確認或重新出具已獲取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n(六)其他處理 | 1.申請人無正當理由逾期不補正、行政機關不再處理其政府信息公開申請 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |\n2.申請人逾期未按收費通知要求繳納費用、行政機關不再處理其政府信息公開申請 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n(七)總計 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\n四、結轉下年度繼續辦理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n四、政府信息公開行政複議、行政訴訟情況\n我鎮嚴格履行《條例》賦予的法定職責,2024年度全鎮因政府信息公開發生的行政複議和行政訴訟的情況如下:\n行政複議 | 行政訴訟 | |||||||||||||\n結果維持 | 結果 | 其他 | 尚未 | 總計 | 未經複議直接起訴 | 複議後起訴 | ||||||||\n結果 | 結果 | 其他 | 尚未 | 總計 | 結果 | 結果 | 其他 | 尚未 | 總計 | |||||\n1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n五、存在的主要問題及改進情況\n我鎮在推進政務公開工作方面做了一些工作、取得了一定成效,但也存在一些不足。一是政務信息的更新頻率和質量較低,信息更新不夠及時,且部分信息的準確性、完整性和實用性有待提高;二是政務公開工作人員綜合能力有待加強,在處理政務公開工作時,存在着對政策法規理解不深、對公衆需求把握不準、服務意識不強等問題。\n針對存在的問題,安居鎮在今後的政府信息公開過程中,一是着重於提升政務信息的更新頻率和質量,設立專職信息員負責收集和整理各類政務信息,確保信息的採集和發佈無縫對接,公衆能夠及時獲取最新的政策法規、辦事指南以及民生動態。同時,定期查看政府網站,明確政府網站內容管理和政務新媒體具體職責,確保發佈內容的準確性和權威性,避免了信息錯誤或過時的情況,提升了公衆對政務網站的信任度。二是加強對政務公開工作人員培訓,提升工作效能,加強對文字、圖片編輯處理技能和常見錯敏詞庫的學習,工作人員可以更加準確地把握用詞的分寸,結合日常檢測發現錯誤,進行自查自糾,及時糾正錯誤,防止錯誤信息的傳播,確保發佈信息的權威、準確。同時,加強對業務知識的學習,政務公開工作涉及面廣,政策性強,工作人員需要不斷學習新的政策法規,瞭解最新的工作動態。只有掌握了紮實的業務知識,才能更好地爲公衆提供服務,爲提供高質量的政務信息更新服務打下了堅實的基礎。\n六、其他需要報告的事項\n(一)政府信息處理費收取情況:2024年,我鎮無政府信息處理費收取情況。\n(二)建議提案辦理公開情況:在政府信息公開專欄,共公開人大、政協提案辦理情況1條。\n(三)政務公開工作要點落實情況:堅持把隨縣人民政府門戶網站作爲我鎮信息公開的主要載體和第一平臺,嚴格按照要求進行政府信息公開。同時,還積極向隨縣發佈、雲上隨縣、雲上隨州、湖北日報等平臺報送信息。\n(四)重點領域政府信息公開情況:重大建設項目批准與實施、公益事業建設、公共資源配置等政府信息公開將繼續將行政權責清單、財政資金使用、公共資源配置、公共服務、重大項目建設以及涉及企業、羣衆切身利益的事項等作爲重點,加大政務公開力度,提高政務公開透明度。\n您訪問的鏈接即將離開“隨縣人民政府”門戶網站,是否繼續?','\n',char(10)),'text',1,0,0,NULL,'2026-11-30T14:48:32+00:00','0.1.0',0.0090449999999999992211,'/tmp/h12/oldin/004_trad.txt',1,NULL,2,NULL,NULL,NULL,NULL);
INSERT INTO reports VALUES('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855','/tmp/h12/oldin/empty.txt','failed','empty file',NULL,NULL,NULL,NULL,NULL,NULL,NULL,'empty.txt','',NULL,'text',0,0,0,NULL,'2026-11-30T14:48:32+00:00','0.1.0',0.0,'/tmp/h12/oldin/empty.txt',1,NULL,3,NULL,NULL,NULL,NULL);
CREATE TABLE page_images (
    report_id TEXT NOT NULL REFERENCES reports(id),
    page INTEGER,                -- 1-based page number in the input
    image BLOB,                  -- JPEG of the upright page at 100 dpi; OCR boxes are in its pixels
    PRIMARY KEY (report_id, page)
) WITHOUT ROWID;
CREATE TABLE fields (
    field TEXT PRIMARY KEY, label TEXT, tbl TEXT, template TEXT
);
CREATE TABLE report_data (
    rid INTEGER PRIMARY KEY,     -- reports.rid: the integer key (the sha256 stays the public id)
    layout TEXT,                 -- the format whose fields, in order, `cells` lists (NULL: a JSON object by field id)
    cells TEXT,                  -- packed JSON, see store/packing.py; read it through the `cells` view
    sections TEXT,               -- packed JSON; the `sections` view
    facts TEXT                   -- packed JSON; the `facts` view
);
INSERT INTO report_data VALUES(1,'2021','[[0,681,1],[0,685,1],[0,689,1],[0,703,1],[0,707,1],[0,711,1],[290,759,3],[24,812,2],[0,827,1],[0,886,1],[1,1096,1],[0,1100,1],[0,1104,1],[0,1108,1],[0,1112,1],[0,1116,1],[1,1120,1],[0,1146,1],[0,1150,1],[0,1154,1],[0,1158,1],[0,1162,1],[0,1166,1],[0,1170,1],[1,1199,1],[0,1203,1],[0,1207,1],[0,1211,1],[0,1215,1],[0,1219,1],[1,1223,1],[0,1260,1],[0,1264,1],[0,1268,1],[0,1272,1],[0,1276,1],[0,1280,1],[0,1284,1],[0,1312,1],[0,1316,1],[0,1320,1],[0,1324,1],[0,1328,1],[0,1332,1],[0,1336,1],[0,1359,1],[0,1363,1],[0,1367,1],[0,1371,1],[0,1375,1],[0,1379,1],[0,1383,1],[0,1405,1],[0,1409,1],[0,1413,1],[0,1417,1],[0,1421,1],[0,1425,1],[0,1429,1],[0,1450,1],[0,1454,1],[0,1458,1],[0,1462,1],[0,1466,1],[0,1470,1],[0,1474,1],[0,1496,1],[0,1500,1],[0,1504,1],[0,1508,1],[0,1512,1],[0,1516,1],[0,1520,1],[0,1541,1],[0,1545,1],[0,1549,1],[0,1553,1],[0,1557,1],[0,1561,1],[0,1565,1],[0,1585,1],[0,1589,1],[0,1593,1],[0,1597,1],[0,1601,1],[0,1605,1],[0,1609,1],[0,1629,1],[0,1633,1],[0,1637,1],[0,1641,1],[0,1645,1],[0,1649,1],[0,1653,1],[0,1687,1],[0,1691,1],[0,1695,1],[0,1699,1],[0,1703,1],[0,1707,1],[0,1711,1],[0,1734,1],[0,1738,1],[0,1742,1],[0,1746,1],[0,1750,1],[0,1754,1],[0,1758,1],[0,1781,1],[0,1785,1],[0,1789,1],[0,1793,1],[0,1797,1],[0,1801,1],[0,1805,1],[0,1836,1],[0,1840,1],[0,1844,1],[0,1848,1],[0,1852,1],[0,1856,1],[0,1860,1],[0,1875,1],[0,1879,1],[0,1883,1],[0,1887,1],[0,1891,1],[0,1895,1],[0,1899,1],[0,1920,1],[0,1924,1],[0,1928,1],[0,1932,1],[0,1936,1],[0,1940,1],[0,1944,1],[0,1967,1],[0,1971,1],[0,1975,1],[0,1979,1],[0,1983,1],[0,1987,1],[0,1991,1],[0,2021,1],[0,2025,1],[0,2029,1],[0,2033,1],[0,2037,1],[0,2041,1],[0,2045,1],[0,2098,1],[0,2102,1],[0,2106,1],[0,2110,1],[0,2114,1],[0,2118,1],[0,2122,1],[0,2168,1],[0,2172,1],[0,2176,1],[0,2180,1],[0,2184,1],[0,2188,1],[0,2192,1],[0,2206,1],[0,2210,1],[0,2214,1],[0,2218,1],[0,2222,1],[0,2226,1],[0,2230,1],[1,2245,1],[0,2249,1],[0,2253,1],[0,2257,1],[0,2261,1],[0,2265,1],[1,2269,1],[0,2290,1],[0,2294,1],[0,2298,1],[0,2302,1],[0,2306,1],[0,2310,1],[0,2314,1],[1,2529,1],[0,2533,1],[0,2537,1],[0,2541,1],[1,2545,1],[0,2549,1],[0,2553,1],[0,2557,1],[0,2561,1],[0,2565,1],[0,2569,1],[0,2573,1],[0,2577,1],[0,2581,1],[0,2585,1]]','[[1,"一、总体情况",0,534],[2,"二、主动公开政府信息情况",534,356],[3,"三、收到和处理政府信息公开申请情况",890,1428],[4,"四、政府信息公开行政复议、行政诉讼情况",2318,271],[5,"五、存在的主要问题及改进情况",2589,572],[6,"六、其他需要报告的事项",3161,343]]','[["proactive.total",61,43,17],["proactive.part:政策问答",2,64,6],["proactive.part:政府文件",1,71,6],["proactive.part:公示公告",1,78,6],["proactive.part:政策解读",1,85,6],["proactive.part:财政资金",4,92,6],["proactive.part:规划信息",1,99,6],["proactive.part:统计信息",2,106,6],["proactive.part:重大建设项目",1,113,8],["proactive.part:公益事业建设",37,122,9],["proactive.part:公共资源配置",2,132,8],["proactive.part:其他主动公开内容",9,141,10],["applications.received",1,229,7],["active.licensing",558,588,8],["active.punishment",24,597,7],["active.coercion",0,605,6],["active.fees",0,615,9,{"unit":"元"}],["applications.received",1,917,9]]');
INSERT INTO report_data VALUES(2,'2021','[[0,681,1],[0,685,1],[0,689,1],[0,703,1],[0,707,1],[0,711,1],[290,759,3],[24,812,2],[0,827,1],[0,886,1],[1,1096,1],[0,1100,1],[0,1104,1],[0,1108,1],[0,1112,1],[0,1116,1],[1,1120,1],[0,1146,1],[0,1150,1],[0,1154,1],[0,1158,1],[0,1162,1],[0,1166,1],[0,1170,1],[1,1199,1],[0,1203,1],[0,1207,1],[0,1211,1],[0,1215,1],[0,1219,1],[1,1223,1],[0,1260,1],[0,1264,1],[0,1268,1],[0,1272,1],[0,1276,1],[0,1280,1],[0,1284,1],[0,1312,1],[0,1316,1],[0,1320,1],[0,1324,1],[0,1328,1],[0,1332,1],[0,1336,1],[0,1359,1],[0,1363,1],[0,1367,1],[0,1371,1],[0,1375,1],[0,1379,1],[0,1383,1],[0,1405,1],[0,1409,1],[0,1413,1],[0,1417,1],[0,1421,1],[0,1425,1],[0,1429,1],[0,1450,1],[0,1454,1],[0,1458,1],[0,1462,1],[0,1466,1],[0,1470,1],[0,1474,1],[0,1496,1],[0,1500,1],[0,1504,1],[0,1508,1],[0,1512,1],[0,1516,1],[0,1520,1],[0,1541,1],[0,1545,1],[0,1549,1],[0,1553,1],[0,1557,1],[0,1561,1],[0,1565,1],[0,1585,1],[0,1589,1],[0,1593,1],[0,1597,1],[0,1601,1],[0,1605,1],[0,1609,1],[0,1629,1],[0,1633,1],[0,1637,1],[0,1641,1],[0,1645,1],[0,1649,1],[0,1653,1],[0,1687,1],[0,1691,1],[0,1695,1],[0,1699,1],[0,1703,1],[0,1707,1],[0,1711,1],[0,1734,1],[0,1738,1],[0,1742,1],[0,1746,1],[0,1750,1],[0,1754,1],[0,1758,1],[0,1781,1],[0,1785,1],[0,1789,1],[0,1793,1],[0,1797,1],[0,1801,1],[0,1805,1],[0,1836,1],[0,1840,1],[0,1844,1],[0,1848,1],[0,1852,1],[0,1856,1],[0,1860,1],[0,1875,1],[0,1879,1],[0,1883,1],[0,1887,1],[0,1891,1],[0,1895,1],[0,1899,1],[0,1920,1],[0,1924,1],[0,1928,1],[0,1932,1],[0,1936,1],[0,1940,1],[0,1944,1],[0,1967,1],[0,1971,1],[0,1975,1],[0,1979,1],[0,1983,1],[0,1987,1],[0,1991,1],[0,2021,1],[0,2025,1],[0,2029,1],[0,2033,1],[0,2037,1],[0,2041,1],[0,2045,1],[0,2098,1],[0,2102,1],[0,2106,1],[0,2110,1],[0,2114,1],[0,2118,1],[0,2122,1],[0,2168,1],[0,2172,1],[0,2176,1],[0,2180,1],[0,2184,1],[0,2188,1],[0,2192,1],[0,2206,1],[0,2210,1],[0,2214,1],[0,2218,1],[0,2222,1],[0,2226,1],[0,2230,1],[1,2245,1],[0,2249,1],[0,2253,1],[0,2257,1],[0,2261,1],[0,2265,1],[1,2269,1],[0,2290,1],[0,2294,1],[0,2298,1],[0,2302,1],[0,2306,1],[0,2310,1],[0,2314,1],[1,2529,1],[0,2533,1],[0,2537,1],[0,2541,1],[1,2545,1],[0,2549,1],[0,2553,1],[0,2557,1],[0,2561,1],[0,2565,1],[0,2569,1],[0,2573,1],[0,2577,1],[0,2581,1],[0,2585,1]]','[[1,"一、总体情况",0,534],[2,"二、主动公开政府信息情况",534,356],[3,"三、收到和处理政府信息公开申请情况",890,1428],[4,"四、政府信息公开行政复议、行政诉讼情况",2318,271],[5,"五、存在的主要问题及改进情况",2589,572],[6,"六、其他需要报告的事项",3161,343]]','[["proactive.total",61,43,17],["proactive.part:政策问答",2,64,6],["proactive.part:政府文件",1,71,6],["proactive.part:公示公告",1,78,6],["proactive.part:政策解读",1,85,6],["proactive.part:财政资金",4,92,6],["proactive.part:规划信息",1,99,6],["proactive.part:统计信息",2,106,6],["proactive.part:重大建设项目",1,113,8],["proactive.part:公益事业建设",37,122,9],["proactive.part:公共资源配置",2,132,8],["proactive.part:其他主动公开内容",9,141,10],["applications.received",1,229,7],["active.licensing",558,588,8],["active.punishment",24,597,7],["active.coercion",0,605,6],["active.fees",0,615,9,{"unit":"元"}],["applications.received",1,917,9]]');
CREATE TABLE field_slots (
    layout TEXT NOT NULL, pos INTEGER NOT NULL, field TEXT NOT NULL,   -- a format's fields in table order
    PRIMARY KEY (layout, pos)
) WITHOUT ROWID;
INSERT INTO field_slots VALUES('2019',0,'active2019.regulations.made');
INSERT INTO field_slots VALUES('2019',1,'active2019.regulations.published');
INSERT INTO field_slots VALUES('2019',2,'active2019.regulations.total');
INSERT INTO field_slots VALUES('2019',3,'active2019.normative_docs.made');
INSERT INTO field_slots VALUES('2019',4,'active2019.normative_docs.published');
INSERT INTO field_slots VALUES('2019',5,'active2019.normative_docs.total');
INSERT INTO field_slots VALUES('2019',6,'active2019.licensing.prev_items');
INSERT INTO field_slots VALUES('2019',7,'active2019.licensing.change');
INSERT INTO field_slots VALUES('2019',8,'active2019.licensing.decisions');
INSERT INTO field_slots VALUES('2019',9,'active2019.other_services.prev_items');
INSERT INTO field_slots VALUES('2019',10,'active2019.other_services.change');
INSERT INTO field_slots VALUES('2019',11,'active2019.other_services.decisions');
INSERT INTO field_slots VALUES('2019',12,'active2019.punishment.prev_items');
INSERT INTO field_slots VALUES('2019',13,'active2019.punishment.change');
INSERT INTO field_slots VALUES('2019',14,'active2019.punishment.decisions');
INSERT INTO field_slots VALUES('2019',15,'active2019.coercion.prev_items');
INSERT INTO field_slots VALUES('2019',16,'active2019.coercion.change');
INSERT INTO field_slots VALUES('2019',17,'active2019.coercion.decisions');
INSERT INTO field_slots VALUES('2019',18,'active2019.fees.prev_items');
INSERT INTO field_slots VALUES('2019',19,'active2019.fees.change');
INSERT INTO field_slots VALUES('2019',20,'active2019.procurement.items');
INSERT INTO field_slots VALUES('2019',21,'active2019.procurement.amount');
INSERT INTO field_slots VALUES('2019',22,'applications.new.natural_person');
INSERT INTO field_slots VALUES('2019',23,'applications.new.commercial');
INSERT INTO field_slots VALUES('2019',24,'applications.new.research');
INSERT INTO field_slots VALUES('2019',25,'applications.new.social_welfare');
INSERT INTO field_slots VALUES('2019',26,'applications.new.legal_service');
INSERT INTO field_slots VALUES('2019',27,'applications.new.other_org');
INSERT INTO field_slots VALUES('2019',28,'applications.new.total');
INSERT INTO field_slots VALUES('2019',29,'applications.carried_over.natural_person');
INSERT INTO field_slots VALUES('2019',30,'applications.carried_over.commercial');
INSERT INTO field_slots VALUES('2019',31,'applications.carried_over.research');
INSERT INTO field_slots VALUES('2019',32,'applications.carried_over.social_welfare');
INSERT INTO field_slots VALUES('2019',33,'applications.carried_over.legal_service');
INSERT INTO field_slots VALUES('2019',34,'applications.carried_over.other_org');
INSERT INTO field_slots VALUES('2019',35,'applications.carried_over.total');
INSERT INTO field_slots VALUES('2019',36,'applications.granted.natural_person');
INSERT INTO field_slots VALUES('2019',37,'applications.granted.commercial');
INSERT INTO field_slots VALUES('2019',38,'applications.granted.research');
INSERT INTO field_slots VALUES('2019',39,'applications.granted.social_welfare');
INSERT INTO field_slots VALUES('2019',40,'applications.granted.legal_service');
INSERT INTO field_slots VALUES('2019',41,'applications.granted.other_org');
INSERT INTO field_slots VALUES('2019',42,'applications.granted.total');
INSERT INTO field_slots VALUES('2019',43,'applications.partly_granted.natural_person');
INSERT INTO field_slots VALUES('2019',44,'applications.partly_granted.commercial');
INSERT INTO field_slots VALUES('2019',45,'applications.partly_granted.research');
INSERT INTO field_slots VALUES('2019',46,'applications.partly_granted.social_welfare');
INSERT INTO field_slots VALUES('2019',47,'applications.partly_granted.legal_service');
INSERT INTO field_slots VALUES('2019',48,'applications.partly_granted.other_org');
INSERT INTO field_slots VALUES('2019',49,'applications.partly_granted.total');
INSERT INTO field_slots VALUES('2019',50,'applications.denied.state_secret.natural_person');
INSERT INTO field_slots VALUES('2019',51,'applications.denied.state_secret.commercial');
INSERT INTO field_slots VALUES('2019',52,'applications.denied.state_secret.research');
INSERT INTO field_slots VALUES('2019',53,'applications.denied.state_secret.social_welfare');
INSERT INTO field_slots VALUES('2019',54,'applications.denied.state_secret.legal_service');
INSERT INTO field_slots VALUES('2019',55,'applications.denied.state_secret.other_org');
INSERT INTO field_slots VALUES('2019',56,'applications.denied.state_secret.total');
INSERT INTO field_slots VALUES('2019',57,'applications.denied.law_prohibited.natural_person');
INSERT INTO field_slots VALUES('2019',58,'applications.denied.law_prohibited.commercial');
INSERT INTO field_slots VALUES('2019',59,'applications.denied.law_prohibited.research');
INSERT INTO field_slots VALUES('2019',60,'applications.denied.law_prohibited.social_welfare');
INSERT INTO field_slots VALUES('2019',61,'applications.denied.law_prohibited.legal_service');
INSERT INTO field_slots VALUES('2019',62,'applications.denied.law_prohibited.other_org');
INSERT INTO field_slots VALUES('2019',63,'applications.denied.law_prohibited.total');
INSERT INTO field_slots VALUES('2019',64,'applications.denied.security_stability.natural_person');
INSERT INTO field_slots VALUES('2019',65,'applications.denied.security_stability.commercial');
INSERT INTO field_slots VALUES('2019',66,'applications.denied.security_stability.research');
INSERT INTO field_slots VALUES('2019',67,'applications.denied.security_stability.social_welfare');
INSERT INTO field_slots VALUES('2019',68,'applications.denied.security_stability.legal_service');
INSERT INTO field_slots VALUES('2019',69,'applications.denied.security_stability.other_org');
INSERT INTO field_slots VALUES('2019',70,'applications.denied.security_stability.total');
INSERT INTO field_slots VALUES('2019',71,'applications.denied.third_party.natural_person');
INSERT INTO field_slots VALUES('2019',72,'applications.denied.third_party.commercial');
INSERT INTO field_slots VALUES('2019',73,'applications.denied.third_party.research');
INSERT INTO field_slots VALUES('2019',74,'applications.denied.third_party.social_welfare');
INSERT INTO field_slots VALUES('2019',75,'applications.denied.third_party.legal_service');
INSERT INTO field_slots VALUES('2019',76,'applications.denied.third_party.other_org');
INSERT INTO field_slots VALUES('2019',77,'applications.denied.third_party.total');
INSERT INTO field_slots VALUES('2019',78,'applications.denied.internal_affairs.natural_person');
INSERT INTO field_slots VALUES('2019',79,'applications.denied.internal_affairs.commercial');
INSERT INTO field_slots VALUES('2019',80,'applications.denied.internal_affairs.research');
INSERT INTO field_slots VALUES('2019',81,'applications.denied.internal_affairs.social_welfare');
INSERT INTO field_slots VALUES('2019',82,'applications.denied.internal_affairs.legal_service');
INSERT INTO field_slots VALUES('2019',83,'applications.denied.internal_affairs.other_org');
INSERT INTO field_slots VALUES('2019',84,'applications.denied.internal_affairs.total');
INSERT INTO field_slots VALUES('2019',85,'applications.denied.process_info.natural_person');
INSERT INTO field_slots VALUES('2019',86,'applications.denied.process_info.commercial');
INSERT INTO field_slots VALUES('2019',87,'applications.denied.process_info.research');
INSERT INTO field_slots VALUES('2019',88,'applications.denied.process_info.social_welfare');
INSERT INTO field_slots VALUES('2019',89,'applications.denied.process_info.legal_service');
INSERT INTO field_slots VALUES('2019',90,'applications.denied.process_info.other_org');
INSERT INTO field_slots VALUES('2019',91,'applications.denied.process_info.total');
INSERT INTO field_slots VALUES('2019',92,'applications.denied.enforcement_file.natural_person');
INSERT INTO field_slots VALUES('2019',93,'applications.denied.enforcement_file.commercial');
INSERT INTO field_slots VALUES('2019',94,'applications.denied.enforcement_file.research');
INSERT INTO field_slots VALUES('2019',95,'applications.denied.enforcement_file.social_welfare');
INSERT INTO field_slots VALUES('2019',96,'applications.denied.enforcement_file.legal_service');
INSERT INTO field_slots VALUES('2019',97,'applications.denied.enforcement_file.other_org');
INSERT INTO field_slots VALUES('2019',98,'applications.denied.enforcement_file.total');
INSERT INTO field_slots VALUES('2019',99,'applications.denied.query_matter.natural_person');
INSERT INTO field_slots VALUES('2019',100,'applications.denied.query_matter.commercial');
INSERT INTO field_slots VALUES('2019',101,'applications.denied.query_matter.research');
INSERT INTO field_slots VALUES('2019',102,'applications.denied.query_matter.social_welfare');
INSERT INTO field_slots VALUES('2019',103,'applications.denied.query_matter.legal_service');
INSERT INTO field_slots VALUES('2019',104,'applications.denied.query_matter.other_org');
INSERT INTO field_slots VALUES('2019',105,'applications.denied.query_matter.total');
INSERT INTO field_slots VALUES('2019',106,'applications.unavailable.not_held.natural_person');
INSERT INTO field_slots VALUES('2019',107,'applications.unavailable.not_held.commercial');
INSERT INTO field_slots VALUES('2019',108,'applications.unavailable.not_held.research');
INSERT INTO field_slots VALUES('2019',109,'applications.unavailable.not_held.social_welfare');
INSERT INTO field_slots VALUES('2019',110,'applications.unavailable.not_held.legal_service');
INSERT INTO field_slots VALUES('2019',111,'applications.unavailable.not_held.other_org');
INSERT INTO field_slots VALUES('2019',112,'applications.unavailable.not_held.total');
INSERT INTO field_slots VALUES('2019',113,'applications.unavailable.needs_creation.natural_person');
INSERT INTO field_slots VALUES('2019',114,'applications.unavailable.needs_creation.commercial');
INSERT INTO field_slots VALUES('2019',115,'applications.unavailable.needs_creation.research');
INSERT INTO field_slots VALUES('2019',116,'applications.unavailable.needs_creation.social_welfare');
INSERT INTO field_slots VALUES('2019',117,'applications.unavailable.needs_creation.legal_service');
INSERT INTO field_slots VALUES('2019',118,'applications.unavailable.needs_creation.other_org');
INSERT INTO field_slots VALUES('2019',119,'applications.unavailable.needs_creation.total');
INSERT INTO field_slots VALUES('2019',120,'applications.unavailable.unclear.natural_person');
INSERT INTO field_slots VALUES('2019',121,'applications.unavailable.unclear.commercial');
INSERT INTO field_slots VALUES('2019',122,'applications.unavailable.unclear.research');
INSERT INTO field_slots VALUES('2019',123,'applications.unavailable.unclear.social_welfare');
INSERT INTO field_slots VALUES('2019',124,'applications.unavailable.unclear.legal_service');
INSERT INTO field_slots VALUES('2019',125,'applications.unavailable.unclear.other_org');
INSERT INTO field_slots VALUES('2019',126,'applications.unavailable.unclear.total');
INSERT INTO field_slots VALUES('2019',127,'applications.not_processed.petition.natural_person');
INSERT INTO field_slots VALUES('2019',128,'applications.not_processed.petition.commercial');
INSERT INTO field_slots VALUES('2019',129,'applications.not_processed.petition.research');
INSERT INTO field_slots VALUES('2019',130,'applications.not_processed.petition.social_welfare');
INSERT INTO field_slots VALUES('2019',131,'applications.not_processed.petition.legal_service');
INSERT INTO field_slots VALUES('2019',132,'applications.not_processed.petition.other_org');
INSERT INTO field_slots VALUES('2019',133,'applications.not_processed.petition.total');
INSERT INTO field_slots VALUES('2019',134,'applications.not_processed.duplicate.natural_person');
INSERT INTO field_slots VALUES('2019',135,'applications.not_processed.duplicate.commercial');
INSERT INTO field_slots VALUES('2019',136,'applications.not_processed.duplicate.research');
INSERT INTO field_slots VALUES('2019',137,'applications.not_processed.duplicate.social_welfare');
INSERT INTO field_slots VALUES('2019',138,'applications.not_processed.duplicate.legal_service');
INSERT INTO field_slots VALUES('2019',139,'applications.not_processed.duplicate.other_org');
INSERT INTO field_slots VALUES('2019',140,'applications.not_processed.duplicate.total');
INSERT INTO field_slots VALUES('2019',141,'applications.not_processed.publication.natural_person');
INSERT INTO field_slots VALUES('2019',142,'applications.not_processed.publication.commercial');
INSERT INTO field_slots VALUES('2019',143,'applications.not_processed.publication.research');
INSERT INTO field_slots VALUES('2019',144,'applications.not_processed.publication.social_welfare');
INSERT INTO field_slots VALUES('2019',145,'applications.not_processed.publication.legal_service');
INSERT INTO field_slots VALUES('2019',146,'applications.not_processed.publication.other_org');
INSERT INTO field_slots VALUES('2019',147,'applications.not_processed.publication.total');
INSERT INTO field_slots VALUES('2019',148,'applications.not_processed.excessive.natural_person');
INSERT INTO field_slots VALUES('2019',149,'applications.not_processed.excessive.commercial');
INSERT INTO field_slots VALUES('2019',150,'applications.not_processed.excessive.research');
INSERT INTO field_slots VALUES('2019',151,'applications.not_processed.excessive.social_welfare');
INSERT INTO field_slots VALUES('2019',152,'applications.not_processed.excessive.legal_service');
INSERT INTO field_slots VALUES('2019',153,'applications.not_processed.excessive.other_org');
INSERT INTO field_slots VALUES('2019',154,'applications.not_processed.excessive.total');
INSERT INTO field_slots VALUES('2019',155,'applications.not_processed.reconfirm.natural_person');
INSERT INTO field_slots VALUES('2019',156,'applications.not_processed.reconfirm.commercial');
INSERT INTO field_slots VALUES('2019',157,'applications.not_processed.reconfirm.research');
INSERT INTO field_slots VALUES('2019',158,'applications.not_processed.reconfirm.social_welfare');
INSERT INTO field_slots VALUES('2019',159,'applications.not_processed.reconfirm.legal_service');
INSERT INTO field_slots VALUES('2019',160,'applications.not_processed.reconfirm.other_org');
INSERT INTO field_slots VALUES('2019',161,'applications.not_processed.reconfirm.total');
INSERT INTO field_slots VALUES('2019',162,'applications.other.total_2019.natural_person');
INSERT INTO field_slots VALUES('2019',163,'applications.other.total_2019.commercial');
INSERT INTO field_slots VALUES('2019',164,'applications.other.total_2019.research');
INSERT INTO field_slots VALUES('2019',165,'applications.other.total_2019.social_welfare');
INSERT INTO field_slots VALUES('2019',166,'applications.other.total_2019.legal_service');
INSERT INTO field_slots VALUES('2019',167,'applications.other.total_2019.other_org');
INSERT INTO field_slots VALUES('2019',168,'applications.other.total_2019.total');
INSERT INTO field_slots VALUES('2019',169,'applications.total.natural_person');
INSERT INTO field_slots VALUES('2019',170,'applications.total.commercial');
INSERT INTO field_slots VALUES('2019',171,'applications.total.research');
INSERT INTO field_slots VALUES('2019',172,'applications.total.social_welfare');
INSERT INTO field_slots VALUES('2019',173,'applications.total.legal_service');
INSERT INTO field_slots VALUES('2019',174,'applications.total.other_org');
INSERT INTO field_slots VALUES('2019',175,'applications.total.total');
INSERT INTO field_slots VALUES('2019',176,'applications.carried_forward.natural_person');
INSERT INTO field_slots VALUES('2019',177,'applications.carried_forward.commercial');
INSERT INTO field_slots VALUES('2019',178,'applications.carried_forward.research');
INSERT INTO field_slots VALUES('2019',179,'applications.carried_forward.social_welfare');
INSERT INTO field_slots VALUES('2019',180,'applications.carried_forward.legal_service');
INSERT INTO field_slots VALUES('2019',181,'applications.carried_forward.other_org');
INSERT INTO field_slots VALUES('2019',182,'applications.carried_forward.total');
INSERT INTO field_slots VALUES('2019',183,'appeals.review.upheld');
INSERT INTO field_slots VALUES('2019',184,'appeals.review.corrected');
INSERT INTO field_slots VALUES('2019',185,'appeals.review.other');
INSERT INTO field_slots VALUES('2019',186,'appeals.review.pending');
INSERT INTO field_slots VALUES('2019',187,'appeals.review.total');
INSERT INTO field_slots VALUES('2019',188,'appeals.litigation_direct.upheld');
INSERT INTO field_slots VALUES('2019',189,'appeals.litigation_direct.corrected');
INSERT INTO field_slots VALUES('2019',190,'appeals.litigation_direct.other');
INSERT INTO field_slots VALUES('2019',191,'appeals.litigation_direct.pending');
INSERT INTO field_slots VALUES('2019',192,'appeals.litigation_direct.total');
INSERT INTO field_slots VALUES('2019',193,'appeals.litigation_after_review.upheld');
INSERT INTO field_slots VALUES('2019',194,'appeals.litigation_after_review.corrected');
INSERT INTO field_slots VALUES('2019',195,'appeals.litigation_after_review.other');
INSERT INTO field_slots VALUES('2019',196,'appeals.litigation_after_review.pending');
INSERT INTO field_slots VALUES('2019',197,'appeals.litigation_after_review.total');
INSERT INTO field_slots VALUES('2021',0,'active.regulations.issued');
INSERT INTO field_slots VALUES('2021',1,'active.regulations.repealed');
INSERT INTO field_slots VALUES('2021',2,'active.regulations.in_force');
INSERT INTO field_slots VALUES('2021',3,'active.normative_docs.issued');
INSERT INTO field_slots VALUES('2021',4,'active.normative_docs.repealed');
INSERT INTO field_slots VALUES('2021',5,'active.normative_docs.in_force');
INSERT INTO field_slots VALUES('2021',6,'active.licensing');
INSERT INTO field_slots VALUES('2021',7,'active.punishment');
INSERT INTO field_slots VALUES('2021',8,'active.coercion');
INSERT INTO field_slots VALUES('2021',9,'active.fees');
INSERT INTO field_slots VALUES('2021',10,'applications.new.natural_person');
INSERT INTO field_slots VALUES('2021',11,'applications.new.commercial');
INSERT INTO field_slots VALUES('2021',12,'applications.new.research');
INSERT INTO field_slots VALUES('2021',13,'applications.new.social_welfare');
INSERT INTO field_slots VALUES('2021',14,'applications.new.legal_service');
INSERT INTO field_slots VALUES('2021',15,'applications.new.other_org');
INSERT INTO field_slots VALUES('2021',16,'applications.new.total');
INSERT INTO field_slots VALUES('2021',17,'applications.carried_over.natural_person');
INSERT INTO field_slots VALUES('2021',18,'applications.carried_over.commercial');
INSERT INTO field_slots VALUES('2021',19,'applications.carried_over.research');
INSERT INTO field_slots VALUES('2021',20,'applications.carried_over.social_welfare');
INSERT INTO field_slots VALUES('2021',21,'applications.carried_over.legal_service');
INSERT INTO field_slots VALUES('2021',22,'applications.carried_over.other_org');
INSERT INTO field_slots VALUES('2021',23,'applications.carried_over.total');
INSERT INTO field_slots VALUES('2021',24,'applications.granted.natural_person');
INSERT INTO field_slots VALUES('2021',25,'applications.granted.commercial');
INSERT INTO field_slots VALUES('2021',26,'applications.granted.research');
INSERT INTO field_slots VALUES('2021',27,'applications.granted.social_welfare');
INSERT INTO field_slots VALUES('2021',28,'applications.granted.legal_service');
INSERT INTO field_slots VALUES('2021',29,'applications.granted.other_org');
INSERT INTO field_slots VALUES('2021',30,'applications.granted.total');
INSERT INTO field_slots VALUES('2021',31,'applications.partly_granted.natural_person');
INSERT INTO field_slots VALUES('2021',32,'applications.partly_granted.commercial');
INSERT INTO field_slots VALUES('2021',33,'applications.partly_granted.research');
INSERT INTO field_slots VALUES('2021',34,'applications.partly_granted.social_welfare');
INSERT INTO field_slots VALUES('2021',35,'applications.partly_granted.legal_service');
INSERT INTO field_slots VALUES('2021',36,'applications.partly_granted.other_org');
INSERT INTO field_slots VALUES('2021',37,'applications.partly_granted.total');
INSERT INTO field_slots VALUES('2021',38,'applications.denied.state_secret.natural_person');
INSERT INTO field_slots VALUES('2021',39,'applications.denied.state_secret.commercial');
INSERT INTO field_slots VALUES('2021',40,'applications.denied.state_secret.research');
INSERT INTO field_slots VALUES('2021',41,'applications.denied.state_secret.social_welfare');
INSERT INTO field_slots VALUES('2021',42,'applications.denied.state_secret.legal_service');
INSERT INTO field_slots VALUES('2021',43,'applications.denied.state_secret.other_org');
INSERT INTO field_slots VALUES('2021',44,'applications.denied.state_secret.total');
INSERT INTO field_slots VALUES('2021',45,'applications.denied.law_prohibited.natural_person');
INSERT INTO field_slots VALUES('2021',46,'applications.denied.law_prohibited.commercial');
INSERT INTO field_slots VALUES('2021',47,'applications.denied.law_prohibited.research');
INSERT INTO field_slots VALUES('2021',48,'applications.denied.law_prohibited.social_welfare');
INSERT INTO field_slots VALUES('2021',49,'applications.denied.law_prohibited.legal_service');
INSERT INTO field_slots VALUES('2021',50,'applications.denied.law_prohibited.other_org');
INSERT INTO field_slots VALUES('2021',51,'applications.denied.law_prohibited.total');
INSERT INTO field_slots VALUES('2021',52,'applications.denied.security_stability.natural_person');
INSERT INTO field_slots VALUES('2021',53,'applications.denied.security_stability.commercial');
INSERT INTO field_slots VALUES('2021',54,'applications.denied.security_stability.research');
INSERT INTO field_slots VALUES('2021',55,'applications.denied.security_stability.social_welfare');
INSERT INTO field_slots VALUES('2021',56,'applications.denied.security_stability.legal_service');
INSERT INTO field_slots VALUES('2021',57,'applications.denied.security_stability.other_org');
INSERT INTO field_slots VALUES('2021',58,'applications.denied.security_stability.total');
INSERT INTO field_slots VALUES('2021',59,'applications.denied.third_party.natural_person');
INSERT INTO field_slots VALUES('2021',60,'applications.denied.third_party.commercial');
INSERT INTO field_slots VALUES('2021',61,'applications.denied.third_party.research');
INSERT INTO field_slots VALUES('2021',62,'applications.denied.third_party.social_welfare');
INSERT INTO field_slots VALUES('2021',63,'applications.denied.third_party.legal_service');
INSERT INTO field_slots VALUES('2021',64,'applications.denied.third_party.other_org');
INSERT INTO field_slots VALUES('2021',65,'applications.denied.third_party.total');
INSERT INTO field_slots VALUES('2021',66,'applications.denied.internal_affairs.natural_person');
INSERT INTO field_slots VALUES('2021',67,'applications.denied.internal_affairs.commercial');
INSERT INTO field_slots VALUES('2021',68,'applications.denied.internal_affairs.research');
INSERT INTO field_slots VALUES('2021',69,'applications.denied.internal_affairs.social_welfare');
INSERT INTO field_slots VALUES('2021',70,'applications.denied.internal_affairs.legal_service');
INSERT INTO field_slots VALUES('2021',71,'applications.denied.internal_affairs.other_org');
INSERT INTO field_slots VALUES('2021',72,'applications.denied.internal_affairs.total');
INSERT INTO field_slots VALUES('2021',73,'applications.denied.process_info.natural_person');
INSERT INTO field_slots VALUES('2021',74,'applications.denied.process_info.commercial');
INSERT INTO field_slots VALUES('2021',75,'applications.denied.process_info.research');
INSERT INTO field_slots VALUES('2021',76,'applications.denied.process_info.social_welfare');
INSERT INTO field_slots VALUES('2021',77,'applications.denied.process_info.legal_service');
INSERT INTO field_slots VALUES('2021',78,'applications.denied.process_info.other_org');
INSERT INTO field_slots VALUES('2021',79,'applications.denied.process_info.total');
INSERT INTO field_slots VALUES('2021',80,'applications.denied.enforcement_file.natural_person');
INSERT INTO field_slots VALUES('2021',81,'applications.denied.enforcement_file.commercial');
INSERT INTO field_slots VALUES('2021',82,'applications.denied.enforcement_file.research');
INSERT INTO field_slots VALUES('2021',83,'applications.denied.enforcement_file.social_welfare');
INSERT INTO field_slots VALUES('2021',84,'applications.denied.enforcement_file.legal_service');
INSERT INTO field_slots VALUES('2021',85,'applications.denied.enforcement_file.other_org');
INSERT INTO field_slots VALUES('2021',86,'applications.denied.enforcement_file.total');
INSERT INTO field_slots VALUES('2021',87,'applications.denied.query_matter.natural_person');
INSERT INTO field_slots VALUES('2021',88,'applications.denied.query_matter.commercial');
INSERT INTO field_slots VALUES('2021',89,'applications.denied.query_matter.research');
INSERT INTO field_slots VALUES('2021',90,'applications.denied.query_matter.social_welfare');
INSERT INTO field_slots VALUES('2021',91,'applications.denied.query_matter.legal_service');
INSERT INTO field_slots VALUES('2021',92,'applications.denied.query_matter.other_org');
INSERT INTO field_slots VALUES('2021',93,'applications.denied.query_matter.total');
INSERT INTO field_slots VALUES('2021',94,'applications.unavailable.not_held.natural_person');
INSERT INTO field_slots VALUES('2021',95,'applications.unavailable.not_held.commercial');
INSERT INTO field_slots VALUES('2021',96,'applications.unavailable.not_held.research');
INSERT INTO field_slots VALUES('2021',97,'applications.unavailable.not_held.social_welfare');
INSERT INTO field_slots VALUES('2021',98,'applications.unavailable.not_held.legal_service');
INSERT INTO field_slots VALUES('2021',99,'applications.unavailable.not_held.other_org');
INSERT INTO field_slots VALUES('2021',100,'applications.unavailable.not_held.total');
INSERT INTO field_slots VALUES('2021',101,'applications.unavailable.needs_creation.natural_person');
INSERT INTO field_slots VALUES('2021',102,'applications.unavailable.needs_creation.commercial');
INSERT INTO field_slots VALUES('2021',103,'applications.unavailable.needs_creation.research');
INSERT INTO field_slots VALUES('2021',104,'applications.unavailable.needs_creation.social_welfare');
INSERT INTO field_slots VALUES('2021',105,'applications.unavailable.needs_creation.legal_service');
INSERT INTO field_slots VALUES('2021',106,'applications.unavailable.needs_creation.other_org');
INSERT INTO field_slots VALUES('2021',107,'applications.unavailable.needs_creation.total');
INSERT INTO field_slots VALUES('2021',108,'applications.unavailable.unclear.natural_person');
INSERT INTO field_slots VALUES('2021',109,'applications.unavailable.unclear.commercial');
INSERT INTO field_slots VALUES('2021',110,'applications.unavailable.unclear.research');
INSERT INTO field_slots VALUES('2021',111,'applications.unavailable.unclear.social_welfare');
INSERT INTO field_slots VALUES('2021',112,'applications.unavailable.unclear.legal_service');
INSERT INTO field_slots VALUES('2021',113,'applications.unavailable.unclear.other_org');
INSERT INTO field_slots VALUES('2021',114,'applications.unavailable.unclear.total');
INSERT INTO field_slots VALUES('2021',115,'applications.not_processed.petition.natural_person');
INSERT INTO field_slots VALUES('2021',116,'applications.not_processed.petition.commercial');
INSERT INTO field_slots VALUES('2021',117,'applications.not_processed.petition.research');
INSERT INTO field_slots VALUES('2021',118,'applications.not_processed.petition.social_welfare');
INSERT INTO field_slots VALUES('2021',119,'applications.not_processed.petition.legal_service');
INSERT INTO field_slots VALUES('2021',120,'applications.not_processed.petition.other_org');
INSERT INTO field_slots VALUES('2021',121,'applications.not_processed.petition.total');
INSERT INTO field_slots VALUES('2021',122,'applications.not_processed.duplicate.natural_person');
INSERT INTO field_slots VALUES('2021',123,'applications.not_processed.duplicate.commercial');
INSERT INTO field_slots VALUES('2021',124,'applications.not_processed.duplicate.research');
INSERT INTO field_slots VALUES('2021',125,'applications.not_processed.duplicate.social_welfare');
INSERT INTO field_slots VALUES('2021',126,'applications.not_processed.duplicate.legal_service');
INSERT INTO field_slots VALUES('2021',127,'applications.not_processed.duplicate.other_org');
INSERT INTO field_slots VALUES('2021',128,'applications.not_processed.duplicate.total');
INSERT INTO field_slots VALUES('2021',129,'applications.not_processed.publication.natural_person');
INSERT INTO field_slots VALUES('2021',130,'applications.not_processed.publication.commercial');
INSERT INTO field_slots VALUES('2021',131,'applications.not_processed.publication.research');
INSERT INTO field_slots VALUES('2021',132,'applications.not_processed.publication.social_welfare');
INSERT INTO field_slots VALUES('2021',133,'applications.not_processed.publication.legal_service');
INSERT INTO field_slots VALUES('2021',134,'applications.not_processed.publication.other_org');
INSERT INTO field_slots VALUES('2021',135,'applications.not_processed.publication.total');
INSERT INTO field_slots VALUES('2021',136,'applications.not_processed.excessive.natural_person');
INSERT INTO field_slots VALUES('2021',137,'applications.not_processed.excessive.commercial');
INSERT INTO field_slots VALUES('2021',138,'applications.not_processed.excessive.research');
INSERT INTO field_slots VALUES('2021',139,'applications.not_processed.excessive.social_welfare');
INSERT INTO field_slots VALUES('2021',140,'applications.not_processed.excessive.legal_service');
INSERT INTO field_slots VALUES('2021',141,'applications.not_processed.excessive.other_org');
INSERT INTO field_slots VALUES('2021',142,'applications.not_processed.excessive.total');
INSERT INTO field_slots VALUES('2021',143,'applications.not_processed.reconfirm.natural_person');
INSERT INTO field_slots VALUES('2021',144,'applications.not_processed.reconfirm.commercial');
INSERT INTO field_slots VALUES('2021',145,'applications.not_processed.reconfirm.research');
INSERT INTO field_slots VALUES('2021',146,'applications.not_processed.reconfirm.social_welfare');
INSERT INTO field_slots VALUES('2021',147,'applications.not_processed.reconfirm.legal_service');
INSERT INTO field_slots VALUES('2021',148,'applications.not_processed.reconfirm.other_org');
INSERT INTO field_slots VALUES('2021',149,'applications.not_processed.reconfirm.total');
INSERT INTO field_slots VALUES('2021',150,'applications.other.overdue_correction.natural_person');
INSERT INTO field_slots VALUES('2021',151,'applications.other.overdue_correction.commercial');
INSERT INTO field_slots VALUES('2021',152,'applications.other.overdue_correction.research');
INSERT INTO field_slots VALUES('2021',153,'applications.other.overdue_correction.social_welfare');
INSERT INTO field_slots VALUES('2021',154,'applications.other.overdue_correction.legal_service');
INSERT INTO field_slots VALUES('2021',155,'applications.other.overdue_correction.other_org');
INSERT INTO field_slots VALUES('2021',156,'applications.other.overdue_correction.total');
INSERT INTO field_slots VALUES('2021',157,'applications.other.overdue_fee.natural_person');
INSERT INTO field_slots VALUES('2021',158,'applications.other.overdue_fee.commercial');
INSERT INTO field_slots VALUES('2021',159,'applications.other.overdue_fee.research');
INSERT INTO field_slots VALUES('2021',160,'applications.other.overdue_fee.social_welfare');
INSERT INTO field_slots VALUES('2021',161,'applications.other.overdue_fee.legal_service');
INSERT INTO field_slots VALUES('2021',162,'applications.other.overdue_fee.other_org');
INSERT INTO field_slots VALUES('2021',163,'applications.other.overdue_fee.total');
INSERT INTO field_slots VALUES('2021',164,'applications.other.other.natural_person');
INSERT INTO field_slots VALUES('2021',165,'applications.other.other.commercial');
INSERT INTO field_slots VALUES('2021',166,'applications.other.other.research');
INSERT INTO field_slots VALUES('2021',167,'applications.other.other.social_welfare');
INSERT INTO field_slots VALUES('2021',168,'applications.other.other.legal_service');
INSERT INTO field_slots VALUES('2021',169,'applications.other.other.other_org');
INSERT INTO field_slots VALUES('2021',170,'applications.other.other.total');
INSERT INTO field_slots VALUES('2021',171,'applications.total.natural_person');
INSERT INTO field_slots VALUES('2021',172,'applications.total.commercial');
INSERT INTO field_slots VALUES('2021',173,'applications.total.research');
INSERT INTO field_slots VALUES('2021',174,'applications.total.social_welfare');
INSERT INTO field_slots VALUES('2021',175,'applications.total.legal_service');
INSERT INTO field_slots VALUES('2021',176,'applications.total.other_org');
INSERT INTO field_slots VALUES('2021',177,'applications.total.total');
INSERT INTO field_slots VALUES('2021',178,'applications.carried_forward.natural_person');
INSERT INTO field_slots VALUES('2021',179,'applications.carried_forward.commercial');
INSERT INTO field_slots VALUES('2021',180,'applications.carried_forward.research');
INSERT INTO field_slots VALUES('2021',181,'applications.carried_forward.social_welfare');
INSERT INTO field_slots VALUES('2021',182,'applications.carried_forward.legal_service');
INSERT INTO field_slots VALUES('2021',183,'applications.carried_forward.other_org');
INSERT INTO field_slots VALUES('2021',184,'applications.carried_forward.total');
INSERT INTO field_slots VALUES('2021',185,'appeals.review.upheld');
INSERT INTO field_slots VALUES('2021',186,'appeals.review.corrected');
INSERT INTO field_slots VALUES('2021',187,'appeals.review.other');
INSERT INTO field_slots VALUES('2021',188,'appeals.review.pending');
INSERT INTO field_slots VALUES('2021',189,'appeals.review.total');
INSERT INTO field_slots VALUES('2021',190,'appeals.litigation_direct.upheld');
INSERT INTO field_slots VALUES('2021',191,'appeals.litigation_direct.corrected');
INSERT INTO field_slots VALUES('2021',192,'appeals.litigation_direct.other');
INSERT INTO field_slots VALUES('2021',193,'appeals.litigation_direct.pending');
INSERT INTO field_slots VALUES('2021',194,'appeals.litigation_direct.total');
INSERT INTO field_slots VALUES('2021',195,'appeals.litigation_after_review.upheld');
INSERT INTO field_slots VALUES('2021',196,'appeals.litigation_after_review.corrected');
INSERT INTO field_slots VALUES('2021',197,'appeals.litigation_after_review.other');
INSERT INTO field_slots VALUES('2021',198,'appeals.litigation_after_review.pending');
INSERT INTO field_slots VALUES('2021',199,'appeals.litigation_after_review.total');
CREATE TABLE findings (
    report_id TEXT NOT NULL REFERENCES reports(id),
    fingerprint TEXT NOT NULL,   -- stable across re-extraction: report_key + rule + fields
    report_key TEXT, rule TEXT, severity TEXT,
    fields TEXT,                 -- JSON list of canonical field ids
    message TEXT, expected TEXT, actual TEXT,
    span_start INTEGER, span_end INTEGER,
    status TEXT,                 -- open | confirmed | dismissed | sent | fixed | disputed (copied from verdicts)
    note TEXT, reviewed_at TEXT, run_id INTEGER,
    PRIMARY KEY (report_id, fingerprint)
);
INSERT INTO findings VALUES('bb67c8ef8a1f7caab8711dcf917e48333d4f67ab7ff246872c4bb44b2b2df6b4','F20c69c695f','安居镇|2024','prose.active_table','error','["active.licensing"]','正文称「行政许可558件」，主动公开表「行政许可·本年处理决定数量」为290','558','290',588,596,'confirmed','核对过','2026-11-30T14:48:32+00:00',NULL);
INSERT INTO findings VALUES('92fec1a7aedab08d143ec3eac95edb318efd4134b19e866240f3fc08be6686c4','F20c69c695f','安居镇|2024','prose.active_table','error','["active.licensing"]','正文称「行政许可558件」，主动公开表「行政许可·本年处理决定数量」为290','558','290',588,596,'confirmed','核对过','2026-11-30T14:48:32+00:00',NULL);
CREATE TABLE verdicts (
    fingerprint TEXT PRIMARY KEY,  -- a person's decision, never touched by extraction
    status TEXT, note TEXT, decided_at TEXT
);
INSERT INTO verdicts VALUES('F20c69c695f','confirmed','核对过','2026-11-30T14:48:32+00:00');
CREATE TABLE organ_aliases (
    name TEXT PRIMARY KEY,       -- an organ name as printed (without 人民政府)
    canonical TEXT               -- the name it is matched as across years, set by a person
);
CREATE TABLE llm_calls (
    report_id TEXT NOT NULL REFERENCES reports(id),
    seq INTEGER, run_id INTEGER, part TEXT, model TEXT, mode TEXT, prompt_version TEXT,
    attempt INTEGER,             -- 0 for a cache hit; 1, 2 … for HTTP attempts (re-asks included)
    prompt_tokens INTEGER, completion_tokens INTEGER, latency_ms REAL,
    cache_hit INTEGER, ok INTEGER, error TEXT,
    PRIMARY KEY (run_id, report_id, seq)   -- a log: re-extracting a report adds, never erases, usage
) WITHOUT ROWID;
CREATE TABLE roster (
    organ TEXT PRIMARY KEY,      -- the organ a region expects a report from, as the office names it
    parent TEXT,                 -- the organ above it in the roster (NULL at the top)
    level TEXT,                  -- province | city | county | department | township | subdistrict | a local level
    aliases TEXT,                -- JSON list of other names it reports under
    deadline TEXT,               -- MM-DD of the following year, when this organ's own deadline differs from its level's
    line INTEGER                 -- its line in the imported CSV
);
CREATE TABLE level_deadlines (
    level TEXT PRIMARY KEY,      -- a roster level
    deadline TEXT                -- MM-DD of the following year (overrides the 条例第四十九条 default)
);
CREATE TABLE status_log (
    fingerprint TEXT NOT NULL,   -- every change of a finding's status, by a person or automatically
    status TEXT, previous TEXT, note TEXT, at TEXT,
    report_id TEXT,              -- the report version the finding stood on when it changed
    report_key TEXT,
    by TEXT                      -- person | letters | re-extraction
);
CREATE INDEX idx_llm_calls_run ON llm_calls(run_id);
CREATE INDEX idx_reports_organ_year ON reports(organ, year);
CREATE INDEX idx_reports_status ON reports(status);
CREATE INDEX idx_reports_key ON reports(report_key);
CREATE INDEX idx_reports_source_path ON reports(source_path);
CREATE UNIQUE INDEX idx_reports_rid ON reports(rid);
CREATE INDEX idx_findings_status ON findings(status, severity);
CREATE INDEX idx_findings_rule ON findings(rule);
CREATE INDEX idx_findings_fingerprint ON findings(fingerprint);
CREATE INDEX idx_status_log_fingerprint ON status_log(fingerprint);
CREATE VIEW cells AS
SELECT r.id AS report_id, COALESCE(s.field, j.key) AS field,
    j.value ->> '$[0]' AS value,
    CASE WHEN json_type(j.value, '$[3].raw') IS NOT NULL THEN j.value ->> '$[3].raw'
         WHEN j.value ->> '$[2]' IS NOT NULL THEN substr(r.text, (j.value ->> '$[1]') + 1, j.value ->> '$[2]') END AS raw,
    j.value ->> '$[3].unit' AS unit,
    COALESCE(j.value ->> '$[3].status', CASE WHEN j.value ->> '$[0]' IS NULL THEN 'blank' ELSE 'ok' END) AS status,
    j.value ->> '$[1]' AS span_start,
    COALESCE((j.value ->> '$[1]') + (j.value ->> '$[2]'), j.value ->> '$[3].end') AS span_end,
    COALESCE(j.value ->> '$[3].extractor', 'builtin') AS extractor,
    j.value ->> '$[3].alt_value' AS alt_value,
    j.value ->> '$[3].alt_extractor' AS alt_extractor
FROM reports r JOIN report_data d ON d.rid = r.rid JOIN json_each(d.cells) j
LEFT JOIN field_slots s ON s.layout = d.layout AND s.pos = j.key;
CREATE VIEW sections AS
SELECT r.id AS report_id, j.value ->> '$[0]' AS number, j.value ->> '$[1]' AS title,
    j.value ->> '$[2]' AS span_start, (j.value ->> '$[2]') + (j.value ->> '$[3]') AS span_end
FROM reports r JOIN report_data d ON d.rid = r.rid JOIN json_each(d.sections) j;
CREATE VIEW facts AS
SELECT r.id AS report_id, j.key AS seq, j.value ->> '$[0]' AS name, j.value ->> '$[1]' AS value,
    j.value ->> '$[4].unit' AS unit, j.value ->> '$[2]' AS span_start, (j.value ->> '$[2]') + (j.value ->> '$[3]') AS span_end,
    COALESCE(j.value ->> '$[4].quote', substr(r.text, (j.value ->> '$[2]') + 1, j.value ->> '$[3]')) AS quote,
    COALESCE(j.value ->> '$[4].extractor', 'builtin') AS extractor
FROM reports r JOIN report_data d ON d.rid = r.rid JOIN json_each(d.facts) j;
COMMIT;
