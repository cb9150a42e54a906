using Gongzhi.Modules.Jurisdictions;

namespace Gongzhi.Modules.Organisations;

/// <summary>One organisation of the Wuhan demo, before it becomes an entity.</summary>
internal sealed record OrganisationSeed(string Code, string Name, string? NameEn, OrganisationKind Kind, string JurisdictionCode,
    string? ParentCode = null, string? Address = null);

/// <summary>
/// The organisations a Wuhan district really works with, derived from the public division data
/// (<c>seed/divisions.json</c>): per district a command centre and ten departments, per street its
/// office and party working committee, per community its committee and party organisation, and in
/// 江汉区 a few resident units and enterprises.
/// </summary>
internal static class DemoOrganisations
{
    public static string DivisionsPath => Path.Combine(JurisdictionSeeder.SeedDirectory, "divisions.json");

    internal sealed record Department(string Key, string Name, string NameEn);

    // Names follow the districts' own usage; 生态环境 and 公安 are branches of the city bureaus in Wuhan.
    internal static readonly Department[] Departments =
    [
        new("cgj", "{0}城市管理执法局", "{0} District Urban Management and Law Enforcement Bureau"),
        new("zjj", "{0}住房和城乡建设局", "{0} District Housing and Urban-Rural Development Bureau"),
        new("swj", "{0}水务和湖泊局", "{0} District Water and Lakes Bureau"),
        new("yllyj", "{0}园林和林业局", "{0} District Landscape and Forestry Bureau"),
        new("scjgj", "{0}市场监督管理局", "{0} District Market Supervision Administration"),
        new("sthjj", "武汉市生态环境局{0}分局", "Wuhan Ecology and Environment Bureau, {0} Branch"),
        new("mzj", "{0}民政局", "{0} District Civil Affairs Bureau"),
        new("wjj", "{0}卫生健康局", "{0} District Health Bureau"),
        new("jtysj", "{0}交通运输局", "{0} District Transport Bureau"),
        new("gaj", "武汉市公安局{0}分局", "Wuhan Public Security Bureau, {0} Branch"),
    ];

    internal static readonly IReadOnlyDictionary<string, string> DistrictNamesEn = new Dictionary<string, string>
    {
        ["420102"] = "Jiang'an",
        ["420103"] = "Jianghan",
        ["420104"] = "Qiaokou",
        ["420105"] = "Hanyang",
        ["420106"] = "Wuchang",
        ["420107"] = "Qingshan",
        ["420111"] = "Hongshan",
        ["420112"] = "Dongxihu",
        ["420113"] = "Hannan",
        ["420114"] = "Caidian",
        ["420115"] = "Jiangxia",
        ["420116"] = "Huangpi",
        ["420117"] = "Xinzhou",
    };

    // 驻区单位 and enterprises of 江汉区 that take part in joint conferences and "双报到" community service.
    internal static readonly OrganisationSeed[] JianghanUnits =
    [
        new("420103008.xiehe", "华中科技大学同济医学院附属协和医院", "Union Hospital, Tongji Medical College, HUST", OrganisationKind.ResidentUnit,
            "420103008", Address: "解放大道1277号"),
        new("420103002.jhg", "武汉江汉关博物馆", "Hankow Customs House Museum", OrganisationKind.ResidentUnit, "420103002",
            Address: "沿江大道129号"),
        new("420103012.hkz", "中国铁路武汉局集团有限公司汉口站", "Hankou Railway Station, China Railway Wuhan Group", OrganisationKind.ResidentUnit,
            "420103012", Address: "发展大道汉口火车站"),
        new("420103007.wgc", "武汉武商集团武汉国际广场购物中心", "Wuhan International Plaza (Wushang Group)", OrganisationKind.Enterprise,
            "420103007", Address: "解放大道690号"),
        new("420103004.mzly", "武汉民众乐园商业管理有限公司", "Wuhan Minzhong Leyuan Commercial Management Co., Ltd.", OrganisationKind.Enterprise,
            "420103004", Address: "中山大道608号"),
        new("420103401.cbd", "武汉中央商务区投资控股集团有限公司", "Wuhan CBD Investment Holding Group Co., Ltd.", OrganisationKind.Enterprise,
            "420103401"),
    ];

    // The same reading of the division file as the jurisdiction tree, so both always agree on it.
    public static Divisions Load(string path) => Divisions.Parse(File.ReadAllText(path));

    /// <summary>The demo organisations in an order where every parent comes before its children.</summary>
    public static List<OrganisationSeed> Plan(Divisions divisions)
    {
        var seeds = new List<OrganisationSeed>(8000);
        foreach (var district in divisions.Districts)
        {
            var en = DistrictNamesEn.GetValueOrDefault(district.Code, district.Code);
            seeds.Add(new($"{district.Code}.command", $"{district.Name}城市运行管理中心（指挥中心）",
                $"{en} District City Operation and Command Centre", OrganisationKind.CommandCenter, district.Code));
            foreach (var department in Departments)
            {
                seeds.Add(new($"{district.Code}.{department.Key}", string.Format(System.Globalization.CultureInfo.InvariantCulture, department.Name, district.Name),
                    string.Format(System.Globalization.CultureInfo.InvariantCulture, department.NameEn, en), OrganisationKind.Department, district.Code));
            }
            foreach (var street in district.Streets)
            {
                var (office, party) = StreetNames(street.Name);
                seeds.Add(new($"{street.Code}.office", office, null, OrganisationKind.StreetOffice, street.Code));
                seeds.Add(new($"{street.Code}.party", party, null, OrganisationKind.PartyOrganisation, street.Code));
                foreach (var community in street.Communities)
                {
                    var (committee, communityParty) = CommunityNames(community.Name);
                    // Committees work under the street office's guidance; community party organisations under the street's committee.
                    seeds.Add(new($"{community.Code}.committee", committee, null, OrganisationKind.CommunityCommittee, community.Code,
                        $"{street.Code}.office"));
                    seeds.Add(new($"{community.Code}.party", communityParty, null, OrganisationKind.PartyOrganisation, community.Code,
                        $"{street.Code}.party"));
                }
            }
            if (district.Code == "420103")
            {
                seeds.AddRange(JianghanUnits);
            }
        }
        return seeds;
    }

    /// <summary>民族街街道 → 民族街街道办事处 and 民族街街道党工委; bodies already named as offices keep their name.</summary>
    internal static (string Office, string Party) StreetNames(string street)
    {
        foreach (var suffix in (string[])["办事处", "管理委员会", "管委会", "管理处"])
        {
            if (street.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = suffix == "办事处" ? street[..^suffix.Length] : street;
                return (street, stem + "党工委");
            }
        }
        return (street + "办事处", street + "党工委");
    }

    /// <summary>
    /// The division data names communities loosely (万年社区居委会, 香山村村委会, 保成社区, 光荣居委会); this gives the
    /// formal committee name (万年社区居民委员会, 香山村村民委员会) and the party organisation (万年社区党委, 香山村党委).
    /// </summary>
    internal static (string Committee, string Party) CommunityNames(string name)
    {
        string stem;
        bool village;
        if (TryStrip(name, "居民委员会", out stem) || TryStrip(name, "居委会", out stem) || TryStrip(name, "居委", out stem))
        {
            village = false;
        }
        else if (TryStrip(name, "村民委员会", out stem) || TryStrip(name, "村委会", out stem))
        {
            village = true;
        }
        else if (TryStrip(name, "委员会", out stem))
        {
            village = stem.EndsWith('村');
        }
        else
        {
            stem = name;
            village = name.EndsWith('村') || name.EndsWith('队');
        }
        if (village)
        {
            var villageName = stem.EndsWith('村') || stem.EndsWith('队') ? stem : stem + "村";
            return (stem + "村民委员会", villageName + "党委");
        }
        var communityName = stem.EndsWith("社区", StringComparison.Ordinal) ? stem : stem + "社区";
        return (stem + "居民委员会", communityName + "党委");
    }

    private static bool TryStrip(string name, string suffix, out string stem)
    {
        var strips = name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length;
        stem = strips ? name[..^suffix.Length] : name;
        return strips;
    }
}
