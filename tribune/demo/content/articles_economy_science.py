"""Demo articles for Tribune: economics, science & technology, and health.

Original demo content written for the Tribune project. Every person and
institution named in these articles is fictional; countries, cities and
general world topics are real but no real events, statistics or quotations
are reproduced. Figures in key_figures blocks are illustrative only.

Each article is a plain dict; see the module-level ``ARTICLES`` list. Body
blocks are 2-tuples of (block_type, value) where block_type is one of
"paragraph", "heading", "quote", "pull_quote", "key_figures" or
"related_link".
"""

ARTICLES = [
    # ------------------------------------------------------------------
    # ECONOMICS
    # ------------------------------------------------------------------
    {
        "slug": "central-banks-last-mile-of-inflation",
        "section": "economics",
        "kind": "analysis",
        "title": "The last mile of disinflation is proving the hardest for central banks",
        "standfirst": (
            "Headline inflation has fallen a long way from its peak, but services prices and wage "
            "dynamics are keeping policymakers cautious. The risk now is cutting too slowly as much "
            "as cutting too soon."
        ),
        "contributors": ["lukas-brenner"],
        "topics": ["inflation", "monetary policy", "wages"],
        "countries": ["AT", "DE", "GB"],
        "series": None,
        "days_ago": 0,
        "updated_days_ago": None,
        "image": {
            "caption": "Commuters pass the illuminated facade of a central bank headquarters on a winter evening.",
            "agency": "Northlight Images",
            "photographer": "Jonas Wehrli",
            "year": 2024,
            "alt": "Central bank building lit up at dusk",
            "palette": "dusk",
        },
        "body": [
            ("paragraph", "For most of the past two years, the story of inflation in advanced economies was one of steady retreat. Energy prices normalised, supply chains unknotted and goods prices, which had surged during the pandemic, flattened or even fell. Central banks that had raised rates at the fastest pace in a generation could point to headline figures edging back towards their targets. Yet the final stretch of that journey has turned out to be slower and more uncertain than many forecasters expected, and the reasons tell us something about how modern economies now set prices."),
            ("heading", "Why services are different"),
            ("paragraph", "The stubborn component is services. Haircuts, restaurant meals, insurance premiums, rents and care work are labour-intensive, and their prices track wages more closely than global commodity markets. When wages rise to compensate workers for the purchasing power they lost during the inflation spike, services prices follow with a lag. This is not a wage-price spiral in the classic sense; it is a catch-up process. But from the vantage point of a rate-setting committee, a catch-up that runs for several quarters looks uncomfortably similar to entrenched inflation."),
            ("paragraph", "Measurement adds another layer of doubt. Shelter costs enter the indices with long delays, and in several countries the weights of different categories have shifted after the pandemic changed spending habits. Core measures, which strip out food and energy, are meant to clarify the underlying trend, yet different core measures have sent conflicting signals. Policymakers are therefore steering with an instrument panel that flickers. In those conditions caution is a rational response, but caution also has costs that are easy to overlook."),
            ("key_figures", {
                "title": "Where the last mile stands (illustrative)",
                "figures": [
                    {"value": "0.8%", "label": "Goods inflation, composite (Tribune estimates)"},
                    {"value": "4.1%", "label": "Services inflation, composite (Tribune estimates)"},
                    {"value": "3.6%", "label": "Median wage growth (Tribune estimates)"},
                ],
            }),
            ("heading", "The cost of waiting"),
            ("paragraph", "Monetary policy works with long and variable lags, which means the full effect of rate increases is still feeding through into credit conditions. Mortgage holders on fixed rates are refinancing at much higher costs, small firms face tighter lending standards and construction activity has slowed. If central banks hold rates at restrictive levels until services inflation is unambiguously back to target, they may find they have squeezed demand harder than necessary. Real interest rates rise automatically as inflation falls, tightening policy even when nobody votes for it."),
            ("quote", {
                "text": "Every month that advanced-economy rates stay high is a month in which our borrowing costs stay high too. The last mile in Frankfurt or London is measured in refinancing bills in Accra and Lusaka.",
                "speaker": "Samuel Mensah",
                "role": "Chief Economist, Accra Development Lab",
                "contributor": "samuel-mensah",
            }),
            ("paragraph", "There are also spillovers beyond the major economies. Emerging markets that borrow in dollars or euros feel every delay in rate cuts through their currencies and their bond spreads. For countries already facing large refinancing needs, a few extra quarters of tight global conditions can make the difference between a manageable rollover and a crisis. Central banks are right to say their mandates are domestic, but the global transmission of their decisions is part of the environment they must understand."),
            ("heading", "A more honest framework"),
            ("paragraph", "What would a better approach look like? First, central banks could be more explicit about the range of outcomes they consider acceptable, rather than implying that any reading above target is a failure. A temporary overshoot driven by relative price adjustments in services is different from a generalised loss of anchoring. Second, they could give more weight to forward-looking indicators such as surveys of firms' pricing intentions and wage settlement data, which move earlier than official indices. Third, they could communicate the risks of overtightening with the same seriousness as the risks of premature easing."),
            ("pull_quote", "A catch-up in wages that runs for several quarters looks like entrenched inflation, but it is not the same thing."),
            ("paragraph", "None of this means central banks should declare victory. Inflation expectations among households remain higher than before the pandemic, and credibility that took decades to build can erode quickly. But the last mile is a question of judgement rather than arithmetic. The institutions that navigate it best will be those that accept uncertainty openly, explain the trade-offs they are making and resist the temptation to treat every monthly figure as a verdict on their record."),
        ],
    },
    {
        "slug": "emerging-markets-face-a-refinancing-wall",
        "section": "economics",
        "kind": "analysis",
        "title": "Emerging markets face a refinancing wall, and the exits are narrowing",
        "standfirst": (
            "A cluster of bond maturities is approaching for frontier economies just as borrowing costs "
            "remain high. Avoiding a wave of defaults will require creativity from creditors as well as "
            "discipline from debtors."
        ),
        "contributors": ["samuel-mensah"],
        "topics": ["debt", "development", "finance"],
        "countries": ["GH", "KE", "EG"],
        "series": None,
        "days_ago": 9,
        "updated_days_ago": None,
        "image": {
            "caption": "Traders watch screens showing government bond yields on a busy trading floor.",
            "agency": "Meridian Photo Agency",
            "photographer": "Kwabena Ofori-Atta",
            "year": 2023,
            "alt": "Traders watching bond yield screens",
            "palette": "slate",
        },
        "body": [
            ("paragraph", "During the decade of near-zero interest rates, a generation of lower-income countries discovered international bond markets. Governments that had relied on concessional loans issued eurobonds for the first time, often at yields that looked expensive by rich-country standards but cheap compared with domestic borrowing. Those bonds funded roads, power plants and, in some cases, recurrent spending that should have been financed from taxes. Many of them carried bullet structures, with the whole principal due on a single date. Those dates are now arriving."),
            ("heading", "The arithmetic of rollover"),
            ("paragraph", "In normal times a maturing bond is simply refinanced with a new one. The problem is that yields demanded of frontier issuers have risen sharply, and in some cases markets have closed to them altogether. A country that borrowed at seven percent may now face offers at eleven or twelve percent, if it can borrow at all. Replacing cheap debt with expensive debt raises interest costs that already absorb a large share of government revenue. In several economies interest payments now exceed public spending on health, a ratio that should alarm anyone concerned with development outcomes."),
            ("key_figures", {
                "title": "The squeeze in numbers (illustrative)",
                "figures": [
                    {"value": "$210bn", "label": "Frontier bond maturities over three years (Tribune estimates)"},
                    {"value": "+420bp", "label": "Typical rise in spreads since the low-rate era"},
                    {"value": "30%+", "label": "Revenue spent on interest in the most stretched cases"},
                ],
            }),
            ("paragraph", "Domestic markets offer only partial relief. Local banks have absorbed growing quantities of government paper, which crowds out lending to businesses and ties the health of the banking system to that of the sovereign. When a restructuring eventually includes domestic debt, as it increasingly does, the losses fall on pension funds and depositors. The line between a sovereign debt problem and a financial stability problem becomes very thin, and the political cost of crossing it rises accordingly."),
            ("heading", "What creditors can do"),
            ("paragraph", "The default path is expensive for everyone. Restructurings of the past few years have taken far too long, partly because the creditor landscape has fragmented. Bilateral lenders, commercial banks, bondholders and commodity traders all hold claims on the same governments, each with different legal rights and different views of what a fair haircut looks like. While they negotiate, the debtor country is locked out of markets, investment stalls and public services deteriorate."),
            ("quote", {
                "text": "The worst outcome is not a restructuring. The worst outcome is a restructuring that arrives three years late, after schools and clinics have already absorbed the cuts.",
                "speaker": "Lukas Brenner",
                "role": "Professor of Economics, Danube School of Economics",
                "contributor": "lukas-brenner",
            }),
            ("paragraph", "Several ideas could shorten that path. Climate-resilient debt clauses, which allow payments to be paused after a natural disaster, are gaining acceptance and should become standard. Debt-for-nature and debt-for-development swaps can help at the margin, though their transaction costs are high. More ambitiously, multilateral lenders could provide partial guarantees that allow countries to refinance at lower cost in exchange for credible fiscal reforms, dealing with a liquidity problem before it becomes a solvency crisis."),
            ("heading", "Discipline at home"),
            ("paragraph", "Debtor governments have responsibilities too. Transparency about the full stock of public and publicly guaranteed debt, including loans to state-owned enterprises, remains patchy. Revenue mobilisation is weak in many countries that face the steepest refinancing needs; tax-to-GDP ratios in the low teens cannot sustain modern states. And borrowing for consumption rather than investment has left some governments with liabilities but few assets to show for them."),
            ("related_link", {
                "title": "Explainer: how a sovereign debt restructuring actually works",
                "article": "how-sovereign-debt-restructuring-works",
            }),
            ("paragraph", "The coming years will test whether the international financial system has learned from its recent failures. A refinancing wall is not destiny. With earlier engagement, better coordination among creditors and honest reform by borrowers, most of the countries now under pressure can emerge with their development prospects intact. Without those things, the cost will be measured not only in basis points but in lost years of growth."),
        ],
    },
    {
        "slug": "carbon-border-levies-new-trade-politics",
        "section": "economics",
        "kind": "opinion",
        "title": "Carbon border levies are rewriting the politics of trade. Exporters need a seat at the table",
        "standfirst": (
            "Border charges on carbon-intensive imports can stop emissions simply moving offshore. But "
            "designed without trading partners, they risk becoming another tariff wall and a new source "
            "of diplomatic friction."
        ),
        "contributors": ["lukas-brenner", "rafael-duarte"],
        "topics": ["trade", "tariffs", "climate", "energy"],
        "countries": ["DE", "IN", "ZA"],
        "series": "energy-transition",
        "days_ago": 23,
        "updated_days_ago": None,
        "image": {
            "caption": "Steel coils wait for loading on a container quay as cranes move overhead.",
            "agency": "Tribune Pictures",
            "photographer": "Marta Leitão",
            "year": 2022,
            "alt": "Steel coils stacked at a port",
            "palette": "ocean",
        },
        "body": [
            ("paragraph", "Tariffs are back at the centre of economic policy, and not only as instruments of geopolitical rivalry. A quieter but potentially more consequential shift is under way: the use of border charges to price the carbon embedded in imported goods. The logic is straightforward. If a region charges its own steelmakers and cement producers for their emissions, it must either protect them from competitors who pay nothing or watch production, and emissions, move elsewhere. A border adjustment levels the playing field by charging importers the equivalent price."),
            ("paragraph", "We have both spent our careers arguing for open trade and multilateral rules, and we accept that carbon leakage is a real problem. Yet the way border levies are being introduced worries us. They are being designed largely by importing economies, according to their own accounting methods, with limited consultation of the exporters who will bear the compliance costs. For a steel mill in South Africa or an aluminium smelter in India, the message received is not that the world is pricing carbon together, but that rich markets are raising a new barrier."),
            ("heading", "The measurement problem"),
            ("paragraph", "The technical detail matters enormously. To charge a levy, customs authorities need to know how much carbon went into a tonne of imported product. That requires verified data from foreign factories, which many producers in developing economies are not equipped to provide. Default values, applied when data are missing, tend to be punitive. The result is that smaller exporters with cleaner processes may pay more than larger rivals who can afford consultants and auditors. A tool meant to reward decarbonisation could end up rewarding paperwork."),
            ("quote", {
                "text": "We are not opposed to carbon pricing. We are opposed to being told the price of our carbon by someone who has never visited our plant.",
                "speaker": "Thandiwe Nkosi-Baloyi",
                "role": "Head of Trade Policy, Highveld Industrial Council",
                "contributor": None,
            }),
            ("heading", "Diplomacy before deadlines"),
            ("paragraph", "There is a better path, and it runs through diplomacy rather than customs offices. Importing economies could recognise carbon prices and equivalent regulations in partner countries, crediting exporters for what they already pay at home. They could fund measurement and verification capacity in exporting economies, so that accurate data become the norm rather than the exception. And they could recycle part of the revenue into clean industrial investment in the countries most affected, turning a defensive measure into a shared project."),
            ("pull_quote", "A tool meant to reward decarbonisation could end up rewarding paperwork."),
            ("paragraph", "Some will object that this dilutes the climate ambition of border levies. We think the opposite is true. Carbon leakage is ultimately solved not by walls but by convergence, by the gradual spread of carbon pricing and clean production across the world economy. Every exporter that builds an emissions inventory, and every government that introduces its own carbon price to keep the revenue at home, advances that goal. A levy designed to encourage those steps will do more for the climate than one designed only to protect domestic industry."),
            ("paragraph", "There is also a strategic argument. Trading relationships are being reshaped by industrial policy, subsidy races and security concerns. Middle-income exporters have options, and they will remember which partners treated them as participants and which treated them as compliance problems. For economies that want stable access to minerals, components and markets in the decades ahead, goodwill is not a luxury but an asset that takes years to rebuild once it has been spent."),
            ("paragraph", "Border carbon adjustments can be a legitimate part of the climate toolkit. Whether they become a bridge towards global carbon pricing or another fault line in a fragmenting trading system depends on choices being made now, often in technical committees far from public view. Those choices deserve more political attention, and more voices from the exporting world, than they are currently receiving."),
        ],
    },
    {
        "slug": "food-import-bills-squeeze-net-importers",
        "section": "economics",
        "kind": "news",
        "title": "Food import bills climb for net importers as weak currencies offset calmer world prices",
        "standfirst": (
            "Global grain and vegetable oil prices have eased from their peaks, but a new analysis finds "
            "that many import-dependent economies are paying more, not less, once exchange rates and "
            "freight are counted."
        ),
        "contributors": ["yusuf-demir"],
        "topics": ["food security", "inflation", "trade"],
        "countries": ["EG", "NG", "BD"],
        "series": None,
        "days_ago": 1,
        "updated_days_ago": None,
        "image": {
            "caption": "Porters unload sacks of imported rice from a lorry at a wholesale market in the early morning.",
            "agency": "Meridian Photo Agency",
            "photographer": "Nadia Rahman Chowdhury",
            "year": 2025,
            "alt": "Workers unloading rice sacks at a market",
            "palette": "sand",
        },
        "body": [
            ("paragraph", "Households in many food-importing countries are not feeling the relief suggested by international commodity benchmarks, according to an analysis published this week by the Accra Development Lab. The study examined import costs for staple foods across a sample of lower- and middle-income economies and found that, measured in local currency, the bill for cereals, cooking oil and sugar has continued to rise in most of them even as dollar prices have fallen from their recent highs."),
            ("paragraph", "The main driver is currency weakness. Countries whose exchange rates have depreciated against the dollar pay more for every tonne of wheat or palm oil regardless of what happens on world markets. Freight and insurance costs, which spiked when shipping routes were disrupted, have also remained above their historical averages on several key corridors. Together, these factors have more than offset the decline in benchmark prices for a large share of the countries in the sample."),
            ("heading", "Pressure on budgets and households"),
            ("paragraph", "The findings matter because food takes up a large share of household spending in poorer economies, often more than forty percent for low-income families. When import costs rise, governments face a choice between allowing retail prices to climb, which hits the poorest hardest, and expanding subsidies, which strains budgets already under pressure from high interest payments. Several governments in the sample have done both, raising administered prices for some staples while increasing transfers to vulnerable households."),
            ("quote", {
                "text": "The world price of wheat is a number on a screen. What a family in a port city pays is that number multiplied by the exchange rate, the freight bill and every margin along the way.",
                "speaker": "Samuel Mensah",
                "role": "Chief Economist, Accra Development Lab",
                "contributor": "samuel-mensah",
            }),
            ("paragraph", "The report recommends that governments prioritise targeted cash transfers over broad price subsidies, which tend to benefit wealthier households that consume more. It also calls for greater use of regional grain reserves and for trade finance facilities that help importers lock in prices and currency rates ahead of time. Some of these instruments already exist but are underused, partly because smaller importers lack access to hedging products and the credit lines needed to use them."),
            ("paragraph", "The pressure is uneven within countries as well as between them. Urban households that buy almost all of their food are more exposed than rural families who grow part of what they eat, while small traders who import on short-term credit face the sharpest squeeze when currencies move suddenly. The study notes that retail margins have widened in several markets, suggesting that weak competition in distribution adds to the burden on consumers."),
            ("heading", "Domestic production is no quick fix"),
            ("paragraph", "Officials in several countries have responded to import pressures by promising to boost domestic production. The authors caution that while investment in agriculture is overdue, self-sufficiency drives can be costly if they rely on subsidised inputs and protective tariffs that raise prices for consumers. Improving storage, irrigation and rural roads, they argue, often delivers more food security per unit of public spending than import bans."),
            ("quote", {
                "text": "Import substitution looks attractive on a campaign poster, but farmers need reliable water and roads long before they need protection.",
                "speaker": "Yasmin El-Sherbiny",
                "role": "Food Systems Economist, Nile Basin Agrarian Forum",
                "contributor": None,
            }),
            ("paragraph", "Looking ahead, the analysis identifies weather as the largest near-term risk. A poor harvest in a major exporting region, or a renewed disruption to shipping, could push dollar prices back up at a moment when many importing countries have little fiscal space to cushion the blow. The authors urge governments and lenders to treat food import financing as a core element of economic stability rather than a humanitarian afterthought."),
            ("related_link", {
                "title": "The last mile of disinflation is proving the hardest for central banks",
                "article": "central-banks-last-mile-of-inflation",
            }),
        ],
    },
    {
        "slug": "critical-minerals-processing-race",
        "section": "economics",
        "kind": "analysis",
        "title": "The real contest over critical minerals is not in the mine but in the refinery",
        "standfirst": (
            "Lithium, cobalt, nickel and rare earths are plentiful enough in the ground. The bottleneck "
            "for the energy transition, and the prize for producing countries, lies in the processing "
            "capacity that turns ore into battery-grade material."
        ),
        "contributors": ["ingrid-solberg", "samuel-mensah"],
        "topics": ["critical minerals", "energy", "trade", "development"],
        "countries": ["CD", "CL", "ID"],
        "series": "energy-transition",
        "days_ago": 37,
        "updated_days_ago": None,
        "image": {
            "caption": "Evaporation ponds at a lithium brine operation stretch across a high desert plain.",
            "agency": "Northlight Images",
            "photographer": "Valentina Quispe Rojas",
            "year": 2021,
            "alt": "Turquoise evaporation ponds in a desert",
            "palette": "sand",
        },
        "body": [
            ("paragraph", "Public debate about critical minerals tends to focus on geology: which countries hold the largest reserves of lithium, cobalt or graphite, and who controls the mines. Geology matters, but it is rarely the binding constraint. Known reserves of most transition minerals are sufficient for projected demand over the coming decades, and exploration budgets have grown. The tighter bottleneck sits further down the value chain, in the chemical plants and refineries that convert concentrates into the high-purity materials that battery and magnet makers require."),
            ("heading", "Concentration downstream"),
            ("paragraph", "Processing capacity is far more geographically concentrated than mining. A single country accounts for the majority of global refining for several key minerals, the result of years of patient investment, cheap energy and a tolerance for environmental costs that other jurisdictions would not accept. For importing economies, this concentration is a security concern. For resource-rich developing countries, it is a frustration: they export ore at low value and import finished components at high value, capturing little of the margin in between."),
            ("quote", {
                "text": "Exporting raw ore and importing batteries is the modern version of exporting cocoa beans and importing chocolate. We have seen how that story ends.",
                "speaker": "Amara Okafor",
                "role": "Senior Fellow, Lagos Institute for Governance",
                "contributor": "amara-okafor",
            }),
            ("paragraph", "Several producing countries have responded with export restrictions on unprocessed ore, aiming to force investment in local refining. Indonesia's approach to nickel is the most cited example, and it has drawn significant processing investment, though with serious questions about coal-fired power, deforestation and labour conditions. Other governments are studying the model closely. The lesson so far is that export bans can shift investment, but only where the resource is large enough to give the producer leverage, and only at an environmental price that must be managed rather than ignored."),
            ("heading", "Energy is the hidden input"),
            ("paragraph", "Refining is energy-intensive, and that creates an opening. Countries with abundant hydropower, geothermal, solar or wind resources could offer processors low-carbon electricity, which is increasingly valuable as buyers face scrutiny over the emissions embedded in their supply chains. Chile's solar-rich north, parts of the Nordic region and several East African economies have such advantages. Turning them into competitive refining hubs requires reliable grids, water management, skilled workers and, crucially, long-term purchase agreements that reduce investment risk."),
            ("pull_quote", "Clean power may prove to be the most valuable mineral a producing country has."),
            ("paragraph", "Consuming economies have begun offering such agreements through partnership frameworks and financing from development banks. The risk is that these deals reproduce old patterns, securing supply for importers without building lasting industrial capacity in producing countries. Partnerships that include commitments on local processing, technology transfer and environmental standards are harder to negotiate, but they are more likely to survive changes of government and the swings of commodity cycles."),
            ("paragraph", "Recycling will eventually ease pressure on primary supply, but not quickly. The batteries now entering vehicles will not reach the end of their lives for a decade or more, and recycling plants face the same concentration problem as refineries. In the meantime, diversifying processing is the most practical way to reduce supply risk while giving producing countries, including the Democratic Republic of the Congo with its vast cobalt deposits, a larger share of the value their resources create."),
            ("related_link", {
                "title": "Nordic grids are wasting more clean power as curtailment rises",
                "article": "nordic-curtailment-rises-as-grids-lag",
            }),
            ("paragraph", "The energy transition is often described as a shift from fuels to materials. That shift will only be stable if the material economy is less concentrated, and more equitable, than the fossil fuel economy it replaces. Refineries, not mines, are where that will be decided, and the decisions being taken now about where to build them will shape the politics of energy for a generation."),
        ],
    },
    {
        "slug": "election-spending-and-fiscal-hangovers",
        "section": "economics",
        "kind": "analysis",
        "title": "Ballots and budgets: how a crowded election year tests fiscal discipline",
        "standfirst": (
            "Governments facing voters have strong incentives to spend now and worry later. The evidence "
            "on political budget cycles suggests the bill arrives after polling day, and that institutions "
            "decide how large it is."
        ),
        "contributors": ["elena-vasquez", "amara-okafor"],
        "topics": ["elections", "debt", "inflation"],
        "countries": ["MX", "NG", "IN"],
        "series": "crowded-election-year",
        "days_ago": 52,
        "updated_days_ago": None,
        "image": {
            "caption": "Election workers stack sealed ballot boxes along the wall of a school gymnasium.",
            "agency": "Tribune Pictures",
            "photographer": "Lucía Berrocal",
            "year": 2024,
            "alt": "Sealed ballot boxes stacked in a gym",
            "palette": "ember",
        },
        "body": [
            ("paragraph", "When a large share of the world's population votes within a short span, the consequences reach well beyond who wins. Elections shape fiscal policy in predictable ways. Incumbent governments raise public-sector wages, expand transfers, delay unpopular price adjustments on fuel and electricity, and accelerate visible infrastructure projects. Economists call this the political budget cycle, and decades of research across democracies and hybrid regimes show that it is real, though its size varies enormously from one country to another."),
            ("heading", "What the evidence shows"),
            ("paragraph", "Cycles tend to be largest where democracy is young, where voters have limited information about public finances and where fiscal rules are weak or easily suspended. In established democracies with independent fiscal councils and transparent budgets, pre-election spending surges are smaller, partly because voters and media have learned to discount them. In many emerging economies, by contrast, deficits widen noticeably in the year before an election and narrow afterwards, often through abrupt cuts to capital spending that damage long-term growth."),
            ("quote", {
                "text": "Voters are not naive. When they see a sudden road project six months before polling day, many understand exactly what is going on. What they cannot see is the debt that finances it.",
                "speaker": "Oluwaseun Adebayo-Clarke",
                "role": "Director, Budget Transparency Project, Ibadan Centre for Public Accounts",
                "contributor": None,
            }),
            ("paragraph", "This year the pressures are amplified by the global environment. Interest rates remain high, which means that every unit of pre-election borrowing costs more to service. Several governments heading to the polls are already spending a large share of revenue on interest. Markets have become quicker to punish fiscal slippage, and rating agencies watch campaign promises closely. The space for electoral generosity is narrower than in the era of cheap money, yet the political incentives have not changed."),
            ("heading", "Subsidies and their reversal"),
            ("paragraph", "Fuel and electricity subsidies deserve special attention. They are popular, visible and easy to expand, and governments often freeze administered prices during campaigns. Reversing them afterwards is politically painful and has triggered protests in many countries. The pattern creates a costly cycle: subsidies expand before elections, fiscal pressure builds, reforms are forced through in a hurry afterwards, and public trust in both the reform and the government erodes. Gradual, pre-announced price adjustments paired with targeted compensation have a better record."),
            ("heading", "Institutions that help"),
            ("paragraph", "Several institutional tools can dampen the cycle without suppressing democratic choice. Independent fiscal councils that publish costings of party manifestos give voters a clearer picture of trade-offs. Medium-term budget frameworks that require new spending to be matched by identified financing make last-minute giveaways harder. Rules that restrict the launch of new programmes in the months before a vote, already common in parts of Latin America, limit the use of public resources for campaigning."),
            ("paragraph", "None of these tools is a substitute for political will, and all can be circumvented. But countries that have built them tend to experience shallower fiscal swings and smoother transitions between governments. The incoming administrations of this election year will inherit the consequences of choices made during the campaigns. How they handle that inheritance, whether through honest accounting or further postponement, will shape economic prospects well beyond their first budgets."),
            ("paragraph", "For citizens and investors alike, the useful question is not whether spending will rise before elections. It almost always does. The question is whether institutions exist to make the costs visible, and whether the winners have the credibility to correct course once the votes are counted. In a year of tight money, that credibility may be the most valuable asset a new government can bring to office."),
        ],
    },
    {
        "slug": "how-sovereign-debt-restructuring-works",
        "section": "economics",
        "kind": "explainer",
        "title": "Explainer: how a sovereign debt restructuring actually works",
        "standfirst": (
            "When a government can no longer pay its debts on the original terms, a long and complex "
            "negotiation begins. Here is what happens, who sits at the table and why it so often takes years."
        ),
        "contributors": ["samuel-mensah"],
        "topics": ["debt", "development", "finance"],
        "countries": ["ZM", "LK", "GH"],
        "series": None,
        "days_ago": 40,
        "updated_days_ago": 12,
        "image": {
            "caption": "Negotiators gather around a long conference table covered with documents and laptops.",
            "agency": "Northlight Images",
            "photographer": "Henrik Aaltonen",
            "year": 2020,
            "alt": "Negotiators seated at a conference table",
            "palette": "slate",
        },
        "body": [
            ("heading", "When does a country restructure?"),
            ("paragraph", "A government restructures its debt when it cannot, or decides it should not, keep paying creditors on the terms originally agreed. Sometimes the trigger is a missed payment on a bond. More often, a government recognises that its debt is unsustainable before it reaches that point and announces that it will seek new terms. Unlike companies, countries cannot go bankrupt in a court and have their assets liquidated. There is no international bankruptcy regime, so every restructuring is a negotiation shaped by contracts, law and bargaining power."),
            ("paragraph", "The first step is usually an agreement with an international lender of last resort on an economic programme. That programme includes a debt sustainability analysis, which estimates how much debt the country can carry while still growing and providing basic services. The analysis effectively sets the envelope for the negotiation: it tells creditors how much relief, in total, they will need to provide for the programme to work, and it becomes the reference point for every later argument."),
            ("heading", "Who sits at the table?"),
            ("paragraph", "Creditors fall into broad groups. Official bilateral creditors are other governments and their export credit agencies. Multilateral lenders, such as development banks, usually claim preferred status and do not take losses. Private creditors include bondholders, commercial banks and sometimes commodity traders who lent against future exports. Each group negotiates separately, but all are expected to follow a principle known as comparability of treatment, meaning that no group should receive better terms than another. Agreeing what comparable means is where much of the time is spent."),
            ("quote", {
                "text": "The negotiation is not about whether creditors lose money. That was decided when the debt became unpayable. It is about how the loss is shared and how quickly the country can start growing again.",
                "speaker": "Ruth Achieng Odhiambo",
                "role": "Sovereign Debt Lawyer, Lakeside Legal Policy Centre",
                "contributor": None,
            }),
            ("paragraph", "Relief can take several forms. Maturities can be extended, so payments are spread over more years. Interest rates can be reduced. The face value of debt can be cut, which is known as a haircut. Most deals combine all three. Economists measure the overall relief using net present value, which discounts future payments to compare the old and new debt streams on equal terms. Two deals with very different headline haircuts can deliver similar relief once maturity extensions and lower coupons are counted."),
            ("heading", "Why it takes so long"),
            ("paragraph", "Recent restructurings have stretched over two years or more. Creditors have become more diverse, and some large official lenders are relatively new to multilateral coordination. Disagreements over data, over which loans should be included and over how to treat debts owed by state-owned enterprises slow things down. Bondholders often wait for official creditors to agree first, so they can judge whether their treatment is comparable. Every month of delay keeps the country shut out of markets and prolongs economic pain."),
            ("paragraph", "Domestic debt adds further complexity. When a government owes large sums to local banks and pension funds, including them in the restructuring can deliver substantial relief but also threatens financial stability at home. Governments must design domestic exchanges carefully, often with support for banks that would otherwise become insolvent, and with protections for small savers whose pensions depend on government bonds."),
            ("paragraph", "Reforms under discussion include clearer timetables for official creditors, standard clauses that suspend payments after natural disasters and better public registries of loans. None would eliminate the pain of a restructuring, but each could shorten the period of uncertainty during which a country's economy stands still while lawyers and finance ministries exchange proposals. For citizens of the country concerned, that uncertainty is not abstract: it shows up in delayed salaries, postponed investment and a currency that struggles to find its footing."),
            ("related_link", {
                "title": "Emerging markets face a refinancing wall, and the exits are narrowing",
                "article": "emerging-markets-face-a-refinancing-wall",
            }),
        ],
    },
    {
        "slug": "pakistan-russia-clearing-account-wheat-fuel",
        "section": "economics",
        "kind": "news",
        "title": "Pakistan and Russia open a rupee-rouble clearing account for wheat and fuel",
        "standfirst": (
            "Two banks will net off what importers on each side owe, so that grain and petroleum can change hands "
            "with fewer dollars. Bankers welcome the saving but warn that sanctions risk and thin reserves could "
            "keep the volumes small."
        ),
        "contributors": ["lukas-brenner"],
        "topics": ["trade", "sanctions", "food security"],
        "countries": ["PK", "RU"],
        "series": None,
        "days_ago": 40,
        "updated_days_ago": None,
        "image": {
            "caption": "Dock workers guide a grab crane unloading wheat from a bulk carrier into waiting lorries at a Karachi wharf.",
            "agency": "Meridian Photo Agency",
            "photographer": "Hamza Rauf",
            "year": 2025,
            "alt": "A crane unloading grain from a ship into lorries",
            "palette": "sand",
        },
        "body": [
            ("paragraph", "Pakistan and Russia have agreed to settle part of their trade through a clearing account that nets payments in rupees and roubles, an attempt to keep grain and fuel moving between the two countries without drawing on scarce dollars. Under the arrangement, settled during talks on the sidelines of a Shanghai Cooperation Organisation meeting, one bank in each country will record what its importers owe and only the balance will be paid at the end of each quarter."),
            ("paragraph", "Trade between the two countries is modest but has grown quickly. It reached about $1.1 billion last year, or roughly Rs 310 billion at current exchange rates, up 35 per cent on the year before, according to Tribune estimates based on customs records. Russian wheat makes up most of Pakistan's purchases, with shipments of around 600,000 tonnes, and fuel oil and diesel most of the rest. Pakistani exporters of rice, citrus fruit, textiles and surgical instruments sell far less in the other direction, about $150 million a year."),
            ("heading", "How the netting works"),
            ("paragraph", "Until now each cargo has been paid for in dollars, usually through correspondent banks in Europe or the Gulf, with fees and exchange margins at every step. Under the new scheme a flour mill in Karachi buying Russian wheat pays rupees into the account at its own bank, while a wholesaler in Russia buying Pakistani rice pays roubles at the partner bank. Only the difference between the two ledgers is settled. Because Pakistan buys far more than it sells, that difference is expected to be cleared partly in Chinese yuan and partly through extra Pakistani exports in the following quarter."),
            ("paragraph", "“Netting does not make a trade deficit disappear. It only changes the currency in which you discover it,” said Saima Qureshi, a trade economist at the Indus Policy Forum, a research group in Islamabad. She estimated that importers could still save 2 to 3 per cent of the value of each transaction in bank charges and exchange margins, a meaningful sum for mills that work on thin margins."),
            ("quote", {
                "text": "For Russian exporters the attraction is a buyer who can pay reliably, in a currency that will not be frozen halfway through the transaction. The first volumes matter less than the principle.",
                "speaker": "Irina Lebedeva",
                "role": "Payments Specialist, Neva School of Finance",
                "contributor": None,
            }),
            ("heading", "Reserves and risk"),
            ("paragraph", "The timing is delicate for Pakistan, which is halfway through a loan programme with the IMF and holds foreign exchange reserves that cover less than three months of imports. The fund has pressed Islamabad to let the exchange rate move freely and to avoid arrangements that hide the true cost of imports. “Nothing here is a subsidy, and nothing is kept off the books,” said a diplomat in Islamabad who follows the talks, speaking on condition of anonymity because they are not public."),
            ("paragraph", "Bankers are more cautious. A Pakistani lender that handles Russian payments risks losing access to dollar clearing if a counterparty turns out to be under Western sanctions, and the two banks chosen for the scheme have been asked to keep it apart from their international business. Each has been told to screen every importer and exporter before the first transaction, which could slow the start of the scheme by several weeks."),
            ("quote", {
                "text": "We will process the first transactions slowly and one by one. If a single counterparty turns out to be on a sanctions list, the cost to us would be far larger than anything this trade can earn.",
                "on_record": False,
                "source_description": "a senior banker at a Karachi lender taking part in the scheme",
            }),
            ("key_figures", {
                "title": "The clearing account in numbers (Tribune estimates, illustrative)",
                "figures": [
                    {"value": "$1.1bn", "label": "Trade between the two countries last year"},
                    {"value": "35%", "label": "Growth on the year before"},
                    {"value": "600,000 t", "label": "Russian wheat shipped to Pakistan"},
                    {"value": "2-3%", "label": "Possible saving per transaction in fees and margins"},
                ],
            }),
            ("heading", "Beyond grain"),
            ("paragraph", "Officials on both sides hope the account will eventually carry energy trade as well. Pakistani refineries took small trial cargoes of Russian crude last year, about 10,000 barrels a day on average, and ministers have spoken of buying more if freight costs across the Arabian Sea can be brought down. Russian officials have also floated routing some goods overland through Central Asia, which would avoid the long voyage but require new transit agreements with several governments."),
            ("paragraph", "“The account is plumbing. It makes trade possible, but it does not make it profitable,” said Tatiana Zhuravleva, a commodities analyst at the Ladoga Research Centre in St Petersburg. “Whether fuel follows wheat will depend on freight rates and discounts, not on which bank keeps the ledger.”"),
            ("paragraph", "The first settlement is due at the end of the quarter, and its size will show whether the clearing account becomes a lasting part of the relationship or another initiative that looked larger in a communiqué than in a ledger. It will be watched across South Asia, where several governments short of dollars are weighing similar arrangements with their own suppliers of food and fuel."),
        ],
    },
    # ------------------------------------------------------------------
    # SCIENCE & TECHNOLOGY
    # ------------------------------------------------------------------
    {
        "slug": "grid-batteries-and-the-evening-peak",
        "section": "sci-tech",
        "kind": "analysis",
        "title": "Batteries are quietly reshaping the evening peak on solar-heavy grids",
        "standfirst": (
            "Grid-scale storage has moved from pilot projects to a core part of power systems with high "
            "solar output. The next challenge is storing energy for days and seasons rather than hours."
        ),
        "contributors": ["ingrid-solberg"],
        "topics": ["energy", "energy storage", "climate"],
        "countries": ["AU", "US", "DE"],
        "series": "energy-transition",
        "days_ago": 14,
        "updated_days_ago": None,
        "image": {
            "caption": "Rows of white battery containers sit beside a solar farm as the sun goes down.",
            "agency": "Northlight Images",
            "photographer": "Sigrid Halvorsen",
            "year": 2025,
            "alt": "Battery storage containers beside solar panels",
            "palette": "dusk",
        },
        "body": [
            ("paragraph", "For years, critics of solar power pointed to an obvious limitation: the sun sets just as households return home and electricity demand climbs. On grids with large amounts of solar capacity, this produced a steep evening ramp that had to be met by gas turbines able to start quickly. That picture is changing faster than many expected. In several sunny markets, large lithium-ion battery installations now charge during the midday surplus and discharge through the early evening, flattening the ramp and reducing the hours in which fossil plants set the price."),
            ("heading", "From novelty to workhorse"),
            ("paragraph", "The shift has been driven mostly by cost. Battery pack prices have fallen steeply over the past decade, helped by the scale of the electric vehicle industry, and installation times for grid projects are measured in months rather than the years needed for conventional plants. Storage also earns money in several ways at once: shifting energy from cheap to expensive hours, providing fast frequency response that stabilises the grid, and deferring costly upgrades to transmission lines in congested areas."),
            ("key_figures", {
                "title": "Storage at a glance (illustrative)",
                "figures": [
                    {"value": "4 hours", "label": "Typical duration of new grid batteries"},
                    {"value": "-70%", "label": "Fall in pack costs over a decade (Tribune estimates)"},
                    {"value": "< 1 sec", "label": "Response time for frequency services"},
                ],
            }),
            ("paragraph", "Grid operators who once treated batteries as an experiment now plan around them. In markets where storage has scaled, evening price spikes have become less frequent and less extreme, and the amount of solar power wasted at midday has fallen. The experience of these systems offers a template for others, though every grid has its own mix of demand patterns, interconnections and market rules, and lessons from sunny Australia or California do not transfer automatically to northern Europe."),
            ("quote", {
                "text": "The first gigawatt of batteries is about arbitrage. The tenth gigawatt is about reliability, and that requires a different kind of market design.",
                "speaker": "Callum Ferreira-Walsh",
                "role": "Head of System Planning, Southern Grid Futures Institute",
                "contributor": None,
            }),
            ("heading", "The duration gap"),
            ("paragraph", "The limitation is duration. Most new batteries store four hours of output or less, which is ideal for daily cycles but insufficient for the long, still and overcast periods that occur in winter at higher latitudes. A week of low wind in northern Europe cannot be covered by batteries designed for the evening peak. Filling that gap requires a wider toolkit: pumped hydro, emerging long-duration technologies such as iron-air and flow batteries, hydrogen produced from surplus power, stronger interconnections and flexible demand."),
            ("pull_quote", "A week of low wind in northern Europe cannot be covered by batteries designed for the evening peak."),
            ("paragraph", "Each option has drawbacks. Pumped hydro needs suitable geography and faces long permitting times. Long-duration batteries are promising but still early in their cost curves. Hydrogen is inefficient when converted back into electricity. Interconnectors are effective but politically complex, since they link national markets and sometimes raise prices in exporting regions. Demand flexibility, from smart charging of vehicles to industrial load shifting, is cheap but depends on consumer behaviour and market signals that are only beginning to develop."),
            ("paragraph", "Market design is the common thread. Storage thrives where it can earn revenue for all the services it provides, and where rules let it compete on equal terms with conventional generation. In many markets, outdated regulations still classify batteries awkwardly, as both generators and consumers, exposing them to double network charges. Fixing these rules is cheaper than almost any piece of hardware and can unlock investment quickly."),
            ("paragraph", "The evening peak was once the most persuasive argument against a solar-led grid. In a growing number of places it has been largely tamed. The harder problem of seasonal and multi-day storage remains, and it will demand as much ingenuity from regulators as from engineers. But the speed of the battery transformation suggests that pessimism about storage has repeatedly underestimated how quickly costs and practices can change."),
        ],
    },
    {
        "slug": "chip-supply-chains-resilience-limits",
        "section": "sci-tech",
        "kind": "analysis",
        "title": "Chip supply chains are being rebuilt for resilience. Redundancy will not come cheap",
        "standfirst": (
            "Governments are spending heavily to bring semiconductor manufacturing closer to home. The "
            "effort may reduce some risks while creating new ones, from skills shortages to subsidy races."
        ),
        "contributors": ["priya-raman"],
        "topics": ["semiconductors", "trade", "security"],
        "countries": ["TW", "KR", "IN"],
        "series": None,
        "days_ago": 66,
        "updated_days_ago": None,
        "image": {
            "caption": "A technician in a protective suit inspects a silicon wafer under the yellow light of a cleanroom.",
            "agency": "Meridian Photo Agency",
            "photographer": "Ji-woo Han",
            "year": 2023,
            "alt": "Technician holding a silicon wafer in a cleanroom",
            "palette": "ember",
        },
        "body": [
            ("paragraph", "Few industries illustrate the tension between efficiency and security as sharply as semiconductors. Over three decades, chip production was organised into a highly specialised global chain: design in a handful of countries, the most advanced fabrication concentrated in East Asia, specialist equipment from a small number of suppliers in Europe, Japan and the United States, and assembly and testing spread across Southeast Asia. The system delivered extraordinary gains in performance and cost. It also created single points of failure that pandemic-era shortages and rising geopolitical tension made impossible to ignore."),
            ("heading", "The subsidy wave"),
            ("paragraph", "Governments have responded with some of the largest industrial policy programmes in recent memory. Grants, tax credits and cheap loans are being offered to attract fabrication plants, packaging facilities and research centres. India is courting assembly and testing investment alongside its first fabrication projects. Several European and Asian economies have announced multibillion-dollar packages. The stated goal is resilience: ensuring that a disruption in one region cannot halt production of cars, medical devices and defence equipment everywhere else."),
            ("quote", {
                "text": "Resilience is a legitimate goal, but it has a price, and someone has to pay it. The question governments rarely answer out loud is whether that someone is taxpayers, consumers or shareholders.",
                "speaker": "Tomáš Novák",
                "role": "Senior Analyst, Central European Security Review",
                "contributor": "tomas-novak",
            }),
            ("paragraph", "There are reasons for caution. Advanced fabrication plants are among the most complex facilities humans build, and their success depends on dense ecosystems of suppliers, engineers and chemical producers that took decades to develop. Transplanting a plant is easier than transplanting an ecosystem. Several new projects have already faced delays attributed to shortages of skilled technicians, permitting disputes and the sheer difficulty of replicating manufacturing processes in new environments."),
            ("heading", "Security beyond the fab"),
            ("paragraph", "Security analysis also suggests that focusing on leading-edge fabrication misses part of the picture. Many of the chips behind the worst shortages were mature, inexpensive components made on older production lines. Others depend on specialty gases, high-purity materials and packaging services concentrated in a few locations. A resilience strategy that brings a flagship plant home while leaving these dependencies untouched may offer more political symbolism than protection."),
            ("pull_quote", "Transplanting a plant is easier than transplanting an ecosystem."),
            ("paragraph", "Export controls add another layer. Restrictions on advanced equipment and chips, justified on national security grounds, are reshaping investment decisions and encouraging targeted countries to accelerate their own capabilities. Over time this could fragment the industry into partially separate technology blocs, each with its own standards and suppliers. Fragmentation would raise costs and slow innovation, while possibly reducing some strategic risks and creating others."),
            ("heading", "A cooperative alternative"),
            ("paragraph", "The most promising path may be coordinated redundancy among trusted partners rather than national self-sufficiency. Shared stockpiles of critical components, joint investment in mature-node capacity, mutual recognition of supplier certifications and agreed rules limiting subsidy races would spread costs and build resilience more efficiently than each government acting alone. Such coordination is difficult, because chips are now seen as instruments of national power. But the alternative is an expensive competition in which many countries build partial capacity and none achieves real security."),
            ("paragraph", "For countries like India, which are entering the industry at scale for the first time, the lesson is to build on existing strengths such as design talent and assembly, and to treat fabrication as a long-term project rather than a quick symbol of technological sovereignty. Resilience is built in layers, and the least glamorous layers, from chemical supply to technician training, often matter most."),
        ],
    },
    {
        "slug": "ai-rules-should-not-close-open-models",
        "section": "sci-tech",
        "kind": "opinion",
        "title": "AI rules should target risky uses, not close the door on open models",
        "standfirst": (
            "Regulators are right to worry about powerful AI systems. But rules that treat openly released "
            "models as inherently dangerous would concentrate the technology in a few firms and shut out "
            "researchers across the Global South."
        ),
        "contributors": ["priya-raman"],
        "topics": ["artificial intelligence", "regulation", "digital policy"],
        "countries": ["IN", "FR", "BR"],
        "series": None,
        "days_ago": 5,
        "updated_days_ago": None,
        "image": {
            "caption": "Students work on laptops at long tables during a university coding workshop.",
            "agency": "Tribune Pictures",
            "photographer": "Ananya Krishnaswamy",
            "year": 2025,
            "alt": "Students coding at a workshop",
            "palette": "ocean",
        },
        "body": [
            ("paragraph", "Debates over how to regulate artificial intelligence have moved from principles to legal text. Governments are defining thresholds, obligations and liabilities for developers of large models, and one question has become unexpectedly divisive: what to do about models whose weights are released openly, so that anyone can download, study and modify them. Some policymakers see open release as an uncontrollable risk. I believe that view, if it hardens into law, would be a serious mistake, especially for countries outside the small group that builds frontier systems."),
            ("heading", "What openness makes possible"),
            ("paragraph", "Open models are the foundation of a great deal of practical innovation. Universities use them to teach and to conduct research that would be impossible with access only through commercial interfaces. Start-ups fine-tune them for local languages, agriculture, legal aid and public services. Governments can deploy them on their own infrastructure without sending sensitive data to foreign providers. In India, where hundreds of millions of people speak languages underserved by commercial systems, open models have enabled community projects that no large company would have prioritised."),
            ("paragraph", "Openness also supports safety in ways that are underappreciated. Independent researchers can audit open models for bias, probe them for vulnerabilities and publish their findings. Closed systems are evaluated mostly by their developers and a small circle of invited testers. A regulatory regime that relies exclusively on the goodwill and disclosures of a handful of companies is not obviously safer than one that allows broad scrutiny by people with no commercial stake in the outcome."),
            ("quote", {
                "text": "When only a few companies can legally distribute capable models, every other country becomes a customer rather than a participant. That is a governance choice, not a technical necessity.",
                "speaker": "Joana Mendes Carvalho",
                "role": "Director, São Paulo Observatory for Digital Rights",
                "contributor": None,
            }),
            ("heading", "Where the real risks lie"),
            ("paragraph", "This does not mean open release is free of risk. Models can be misused to generate fraudulent content, automate harassment or assist in harmful activities. But most of these harms arise from how models are deployed, not from the existence of the weights. Rules that place obligations on deployers, such as platforms, service providers and public agencies, can target risky applications directly. Transparency requirements, incident reporting and liability for foreseeable misuse are tools that apply regardless of whether a model is open or closed."),
            ("pull_quote", "Most harms arise from how models are deployed, not from the existence of the weights."),
            ("paragraph", "For the small number of capabilities that could pose severe risks, such as meaningful assistance with biological or chemical weapons, targeted evaluations before release are justified for open and closed models alike. The emphasis should be on testing specific dangerous capabilities, with clear and published criteria, rather than blanket thresholds based on computing power that will quickly become outdated as efficiency improves."),
            ("paragraph", "Countries in the Global South have a particular stake in getting this right. If the most influential regulatory frameworks treat openness as suspicious, their influence will spread through trade agreements, procurement rules and corporate compliance policies, narrowing choices for everyone else. Policymakers in Delhi, Brasília, Nairobi and Jakarta should engage actively in international discussions, and insist that regulation preserves the ability of their researchers and firms to build on shared foundations."),
            ("related_link", {
                "title": "Explainer: what cross-border data rules mean for people and businesses",
                "article": "explainer-cross-border-data-rules",
            }),
            ("paragraph", "Good AI regulation is possible. It should be proportionate, focused on uses and outcomes, and adaptable as the technology changes. Closing the door on open models would achieve none of those goals, while handing control of a general-purpose technology to a very small number of gatekeepers. The countries with the most to lose from that outcome are those that have only just begun to build their own capacity, and they should say so clearly while the rules are still being written."),
        ],
    },
    {
        "slug": "explainer-cross-border-data-rules",
        "section": "sci-tech",
        "kind": "explainer",
        "title": "Explainer: what cross-border data rules mean for people and businesses",
        "standfirst": (
            "More countries are passing data protection laws that restrict where personal information can "
            "be sent and stored. Here is how these rules work, why they differ, and what they mean for "
            "users and companies."
        ),
        "contributors": ["priya-raman"],
        "topics": ["data protection", "digital policy", "trade"],
        "countries": ["IN", "BR", "KE"],
        "series": None,
        "days_ago": 29,
        "updated_days_ago": None,
        "image": {
            "caption": "Cooling units line the exterior wall of a large data centre on the edge of a city.",
            "agency": "Meridian Photo Agency",
            "photographer": "Rohan Mehta-Iyer",
            "year": 2022,
            "alt": "Exterior of a data centre with cooling units",
            "palette": "slate",
        },
        "body": [
            ("heading", "What is a cross-border data rule?"),
            ("paragraph", "Every time a person uses a messaging app, books a flight or pays with a card, personal data is likely to travel across borders. Servers, backups and support teams are spread around the world. Cross-border data rules are provisions in national laws that control when and how personal information may be transferred outside the country where it was collected. Well over a hundred countries now have comprehensive data protection laws, and most include such provisions in some form."),
            ("paragraph", "The rules generally follow one of three approaches. Some countries allow transfers only to destinations judged to offer adequate protection, or where the company uses approved contractual safeguards. Others permit transfers by default but reserve the power to block specific destinations. A third group requires certain categories of data, often financial, health or government records, to be stored locally, sometimes with copies allowed abroad and sometimes not."),
            ("heading", "Why do countries differ?"),
            ("paragraph", "Motives vary. Privacy protection is the most common justification: a law that protects people at home means little if data can be moved to a place with no safeguards. Security agencies may want data stored locally so they can access it for investigations. Some governments see localisation as industrial policy, hoping to attract data centre investment. Others worry about foreign surveillance. The same rule can serve several purposes at once, which makes the debate about it harder to untangle."),
            ("quote", {
                "text": "Users rarely ask where their data is stored. They ask whether anyone will answer them when something goes wrong. Good transfer rules are ultimately about accountability, not geography.",
                "speaker": "Wanjiru Kamau-Ndegwa",
                "role": "Senior Counsel, East Africa Privacy Network",
                "contributor": None,
            }),
            ("paragraph", "Brazil, India and Kenya illustrate the range. Each has adopted a comprehensive data protection law in recent years, with a dedicated regulator and rights for individuals to access and correct their data. Their approaches to transfers differ in emphasis, and implementing rules have evolved as regulators gained experience and responded to business concerns. The common thread is a move away from the largely unregulated data flows of the early internet towards a model in which someone is answerable for where information goes."),
            ("heading", "What it means in practice"),
            ("paragraph", "For individuals, the main benefit is stronger rights and a regulator to complain to. For businesses, especially small firms that rely on foreign cloud services, the main effect is compliance work: mapping where data goes, signing contracts with providers and sometimes choosing local hosting. Large companies can absorb these costs; smaller ones may find them burdensome, which is why many regulators offer templates, guidance notes and simplified procedures."),
            ("paragraph", "Trade agreements increasingly include clauses on data flows, typically committing parties not to impose unjustified restrictions while preserving space for privacy regulation. Where the line falls between legitimate protection and disguised protectionism is one of the most contested questions in digital trade negotiations, and it is unlikely to be settled soon. Developing economies often find themselves negotiating these clauses with partners that have far larger technology sectors, which makes the capacity to assess their long-term implications all the more important."),
            ("paragraph", "For now, the practical advice is straightforward. People should know that data protection laws give them rights they can exercise, including the right to ask a company where their information is processed. Businesses should treat data mapping as basic hygiene rather than a legal afterthought. And governments should coordinate, because a patchwork of incompatible rules benefits neither privacy nor commerce."),
        ],
    },
    {
        "slug": "low-earth-orbit-is-getting-crowded",
        "section": "sci-tech",
        "kind": "analysis",
        "title": "Low Earth orbit is getting crowded, and the rules of the road are still unwritten",
        "standfirst": (
            "Thousands of new satellites are being launched every year. Without better traffic management "
            "and debris removal, the most useful region of space risks becoming a hazard zone for everyone."
        ),
        "contributors": ["tomas-novak"],
        "topics": ["space", "security", "satellites"],
        "countries": ["US", "IN", "JP"],
        "series": None,
        "days_ago": 63,
        "updated_days_ago": 20,
        "image": {
            "caption": "A ground station dish points skyward under a clear night sky streaked with satellite trails.",
            "agency": "Northlight Images",
            "photographer": "Mateo Lindqvist",
            "year": 2024,
            "alt": "Satellite dish under a starry night sky",
            "palette": "slate",
        },
        "body": [
            ("paragraph", "Low Earth orbit, the band of space from a few hundred to around two thousand kilometres above the surface, has become the busiest infrastructure zone humans have ever built beyond the planet. Broadband constellations, Earth observation satellites, scientific missions and military systems share it. The number of active satellites has multiplied in only a few years, driven by cheaper launches and mass-produced spacecraft. Alongside them orbit spent rocket stages, dead satellites and many thousands of fragments from past collisions and weapons tests."),
            ("key_figures", {
                "title": "Traffic in low orbit (illustrative)",
                "figures": [
                    {"value": "10,000+", "label": "Active satellites, order of magnitude (Tribune estimates)"},
                    {"value": "1 cm", "label": "Debris size that can disable a satellite"},
                    {"value": "7.8 km/s", "label": "Typical orbital speed"},
                ],
            }),
            ("heading", "Why debris is different"),
            ("paragraph", "Debris is dangerous because of speed. At orbital velocities, a fragment the size of a marble carries the energy of a small explosive, and even a fleck of paint can damage solar panels or optics. Operators already perform frequent manoeuvres to avoid tracked objects, consuming fuel and shortening mission lives. The larger fear is a cascading chain of collisions in which each impact creates debris that causes further impacts, rendering some orbital altitudes unusable for generations."),
            ("quote", {
                "text": "We treat orbit as if it were infinite, the way we once treated the oceans and the atmosphere. It is a finite shared resource, and it is already showing strain.",
                "speaker": "Rafael Duarte",
                "role": "Chair, Lisbon Atlantic Forum",
                "contributor": "rafael-duarte",
            }),
            ("paragraph", "International space law was written for a world of a few state-run programmes. The core treaties establish that states are responsible for their national activities, including those of private companies, and liable for damage caused by their objects. They say little about traffic management, disposal obligations or debris removal. Voluntary guidelines recommend deorbiting satellites within a set period after their missions end, but compliance is uneven and enforcement is largely absent."),
            ("heading", "A security dimension"),
            ("paragraph", "Space is also a domain of strategic competition. Satellites underpin navigation, communications, early warning and intelligence, and several states have demonstrated the ability to destroy them. Destructive tests create long-lived debris that threatens all users, including the testing state itself. A growing number of countries have committed not to conduct such tests, which is a welcome norm, but it is not yet universal and it does not cover other disruptive activities such as close approaches by inspection satellites."),
            ("paragraph", "Fragmented tracking is another problem. Military space surveillance networks hold the most accurate data, but they share it selectively. Commercial tracking services are growing, and several countries, including India and Japan, are investing in their own capabilities. Without common data standards and shared collision warnings, operators may receive conflicting assessments of risk, which undermines trust in the whole system and encourages each operator to act on its own numbers."),
            ("heading", "What could work"),
            ("paragraph", "Progress is possible without a new treaty. Licensing authorities can require stricter disposal timelines, manoeuvrability and collision-avoidance coordination as conditions for launch. Insurers can price debris risk into premiums. Active removal missions, some already at the demonstration stage, could target the largest derelict objects, which pose the greatest cascade risk. And a neutral international data-sharing hub for space situational awareness, modelled on cooperation in aviation or weather data, would give every operator the same picture."),
            ("paragraph", "The incentives point in the right direction: every operator, civilian or military, benefits from a usable orbit. The danger is that collective action arrives only after a serious collision has made the costs impossible to ignore. Rules of the road are cheaper to write before the traffic jam than after the crash, and the window for writing them calmly is narrowing with every launch."),
        ],
    },
    {
        "slug": "interview-claire-fontaine-ai-weather-models",
        "section": "sci-tech",
        "kind": "interview",
        "title": "Interview: Claire Fontaine on what AI weather models can and cannot tell us about a warming world",
        "standfirst": (
            "Machine-learning forecasts now rival traditional models on many measures. The climate scientist "
            "explains why that is exciting for early warnings, and why it is no substitute for physics when "
            "it comes to the climate of the future."
        ),
        "contributors": ["yusuf-demir", "claire-fontaine"],
        "topics": ["artificial intelligence", "climate", "weather"],
        "countries": ["FR"],
        "series": None,
        "days_ago": 44,
        "updated_days_ago": None,
        "image": {
            "caption": "A climate scientist studies global temperature maps on a wall of monitors in a research institute.",
            "agency": "Tribune Pictures",
            "photographer": "Émile Garnier-Roux",
            "year": 2024,
            "alt": "Scientist looking at weather maps on several screens",
            "palette": "ocean",
        },
        "body": [
            ("paragraph", "Over the past few years, weather forecasting has undergone a quiet revolution. Models trained on decades of historical observations can now produce global forecasts in minutes on a single computer, matching or beating conventional physics-based systems on many standard measures of accuracy. Tribune's analysis editor Yusuf Demir spoke to Claire Fontaine, a climate scientist at the Rhône Climate Institute, about what the change means for forecasters, for climate research and for countries with limited computing resources. The conversation has been edited for length and clarity."),
            ("heading", "A genuine leap"),
            ("paragraph", "Asked whether the excitement is justified, Fontaine is unequivocal. The speed gains are real, she says, and they matter. A conventional global model requires a supercomputer and hours of run time. A machine-learning model, once trained, can run large ensembles of forecasts cheaply, giving a much better sense of the range of possible outcomes. For early warnings of heatwaves, storms or heavy rain, that probabilistic picture is often more useful than a single best guess."),
            ("quote", {
                "text": "For the first time, a national weather service with a modest budget can run forecasts that compete with the best in the world. That is a democratising change, provided the training data and the models remain openly available.",
                "speaker": "Claire Fontaine",
                "role": "Climate Scientist, Rhône Climate Institute",
                "contributor": "claire-fontaine",
            }),
            ("paragraph", "She points out, however, that the models depend entirely on the observational record used to train them, which in turn relies on satellites, weather stations and the physics-based reanalysis products that blend observations into a consistent picture. If investment in observation networks declines because machine learning seems to make them less necessary, the models will degrade. Large parts of Africa and South Asia already have sparse station coverage, and those gaps limit what any model can learn about local conditions."),
            ("heading", "The limits for climate"),
            ("paragraph", "The more fundamental limit concerns the future. Weather forecasting asks what will happen in the next few days, given conditions similar to those seen many times before. Climate projection asks how the system will behave under conditions never observed, with higher greenhouse gas concentrations and altered circulation. A model trained on the past has no guarantee of behaving correctly outside that range. Fontaine describes this as the difference between interpolation and extrapolation, and regards it as the central caution for anyone hoping machine learning will replace climate models."),
            ("pull_quote", "A model trained on the past has no guarantee of behaving correctly in a climate it has never seen."),
            ("paragraph", "That does not mean AI has no role in climate science. Fontaine sees promise in hybrid approaches, in which machine learning replaces slow components of physical models, such as the representation of clouds, while the overall system remains grounded in the laws of physics. Such hybrids could make high-resolution climate projections far cheaper, allowing researchers to explore many more scenarios and to downscale projections to the city level, where adaptation decisions are actually made."),
            ("paragraph", "On extreme events, she urges humility. The most damaging heatwaves and floods are by definition rare, which means there are few examples in the training data. Early evaluations suggest machine-learning models sometimes underestimate the intensity of record-breaking extremes. For forecasters issuing warnings, she argues, the right approach is to use AI alongside traditional models and to pay close attention when the two disagree."),
            ("heading", "Who benefits"),
            ("paragraph", "Asked what she would tell policymakers, Fontaine returns to the question of access. The benefits of faster forecasting will reach vulnerable countries only if models, data and training are shared, and if national weather services have the staff to interpret and communicate forecasts. A forecast, she notes, saves lives only when it reaches a farmer, a hospital or an emergency manager in time to act. The technology is advancing quickly; the institutions that turn forecasts into action need to keep pace."),
        ],
    },
    {
        "slug": "nordic-curtailment-rises-as-grids-lag",
        "section": "sci-tech",
        "kind": "news",
        "title": "Nordic grids are wasting more clean power as curtailment rises",
        "standfirst": (
            "A new assessment of northern European power systems finds that wind farms are being switched "
            "off more often because transmission lines cannot carry their output south. Grid investment is "
            "lagging behind generation."
        ),
        "contributors": ["ingrid-solberg"],
        "topics": ["energy", "climate", "grids"],
        "countries": ["NO", "SE", "DK"],
        "series": "energy-transition",
        "days_ago": 1,
        "updated_days_ago": None,
        "image": {
            "caption": "Wind turbines stand still on a snow-covered ridge beneath a line of high-voltage pylons.",
            "agency": "Northlight Images",
            "photographer": "Eirik Vatne",
            "year": 2025,
            "alt": "Wind turbines and power lines in snow",
            "palette": "forest",
        },
        "body": [
            ("paragraph", "Wind farms in northern Scandinavia are being ordered to reduce output more often than at any point in the past decade, according to an assessment released by the Baltic and Nordic Grid Research Council, an independent network of university and industry researchers. The report attributes the increase in curtailment mainly to transmission bottlenecks between the windy, sparsely populated north and the cities and industrial centres further south, where most demand is concentrated."),
            ("paragraph", "Curtailment occurs when grid operators instruct generators to reduce output because the network cannot absorb or transport the power. Generators are often compensated, which means consumers pay for electricity that is never used. The assessment estimates that curtailed wind output across the region over the past year would have been enough to supply several hundred thousand households, though it notes that the figures vary widely between price zones and seasons."),
            ("key_figures", {
                "title": "Curtailment in the north (Baltic and Nordic Grid Research Council estimates)",
                "figures": [
                    {"value": "4.5%", "label": "Share of northern wind output curtailed"},
                    {"value": "x3", "label": "Increase over five years"},
                    {"value": "8-12 yrs", "label": "Typical lead time for a major power line"},
                ],
            }),
            ("heading", "Lines take longer than turbines"),
            ("paragraph", "The core problem is timing. A wind farm can be planned and built in three to five years, while a major high-voltage transmission line frequently takes a decade or longer once permitting, environmental reviews and local objections are included. The result is a structural mismatch: generation capacity grows faster than the networks needed to move it. Price differences between northern and southern bidding zones have widened, reflecting the same physical constraint."),
            ("quote", {
                "text": "We have become very good at building generation and very slow at building wires. Every year of delay on the grid is a year of clean power thrown away.",
                "speaker": "Anders Lövgren",
                "role": "Research Director, Baltic and Nordic Grid Research Council",
                "contributor": None,
            }),
            ("paragraph", "The report recommends faster permitting for transmission projects deemed to be in the public interest, greater use of existing corridors and upgrades to current lines with advanced conductors and dynamic line rating, which allows operators to carry more power when weather conditions permit. It also calls for new industrial demand, such as green hydrogen production and data centres, to be located closer to northern generation, reducing the need to move electricity over long distances."),
            ("paragraph", "Industrial users in the south of the region have warned that the bottlenecks undermine plans to electrify heavy industry, since the cheap clean power that attracted investment is increasingly stranded in the north. Several energy-intensive projects, including battery material plants and electrolysers, have reconsidered their locations as a result. The assessment notes that this could be an opportunity for northern municipalities, provided the necessary housing, transport and skills are in place."),
            ("heading", "Local acceptance"),
            ("paragraph", "Local opposition remains a major obstacle, both to new lines and to onshore wind farms themselves. Communities in the north have raised concerns about landscape, reindeer herding and the distribution of benefits. The assessment argues that benefit-sharing arrangements, including local ownership stakes and reduced electricity prices for affected municipalities, could ease tensions, but says these must be designed in genuine consultation with Sámi communities whose rights and livelihoods are affected."),
            ("paragraph", "Grid operators across the region have announced substantial investment programmes, and several interconnector and reinforcement projects are under construction. The authors acknowledge this progress but warn that current plans are unlikely to eliminate congestion before the end of the decade. Without faster action, they conclude, curtailment will keep rising and the region risks undermining public support for a transition it has long championed."),
        ],
    },
    # ------------------------------------------------------------------
    # HEALTH
    # ------------------------------------------------------------------
    {
        "slug": "antibiotic-pipeline-market-failure",
        "section": "health",
        "kind": "analysis",
        "title": "The antibiotic pipeline is running dry because the market rewards the wrong things",
        "standfirst": (
            "Drug-resistant infections are rising while few new antibiotics reach patients. Fixing the "
            "problem means paying for new drugs in ways that do not depend on selling more of them."
        ),
        "contributors": ["hana-sato"],
        "topics": ["antimicrobial resistance", "public health", "pharmaceuticals"],
        "countries": ["JP", "IN", "GB"],
        "series": None,
        "days_ago": 75,
        "updated_days_ago": None,
        "image": {
            "caption": "A laboratory scientist examines bacterial cultures in petri dishes under bright bench lights.",
            "agency": "Meridian Photo Agency",
            "photographer": "Takeshi Morimoto",
            "year": 2021,
            "alt": "Scientist inspecting petri dishes in a lab",
            "palette": "forest",
        },
        "body": [
            ("paragraph", "Antimicrobial resistance is often described as a slow-moving pandemic, and the description is apt. Infections that were once easily treated, from urinary tract infections to pneumonia and sepsis in newborns, increasingly fail to respond to first-line drugs. Resistant infections contribute to a very large number of deaths worldwide each year, with the heaviest burden in low- and middle-income countries. Yet the pipeline of new antibiotics remains thin, and several companies that brought promising drugs to market have struggled financially or left the field altogether."),
            ("heading", "A broken business model"),
            ("paragraph", "The paradox is that a good new antibiotic should be used as little as possible. To preserve its effectiveness, doctors reserve it for infections that do not respond to older drugs. That is sound medicine but terrible economics. A company that spends many years and large sums developing a new antibiotic may sell only modest volumes in its first decade, far too little to recover its investment. Investors have drawn the obvious conclusion, and capital has flowed to therapeutic areas where sales grow with success."),
            ("key_figures", {
                "title": "The antibiotic gap (illustrative, Tribune estimates)",
                "figures": [
                    {"value": "10-15 yrs", "label": "Typical development time for a new antibiotic"},
                    {"value": "<5%", "label": "Clinical candidates with a novel mechanism"},
                    {"value": "1 in 5", "label": "Hospital infections resistant to first-line drugs, hard-hit regions"},
                ],
            }),
            ("paragraph", "Pull incentives are the most promising answer. Instead of paying per dose, governments pay developers a fixed annual sum for access to a new antibiotic, regardless of how much is used. Several high-income countries have piloted subscription models along these lines. Early experience suggests they work as intended but remain too small, because a global problem is being addressed with national budgets. To change the investment calculus, rewards need to be larger and shared among more countries."),
            ("quote", {
                "text": "We are asking companies to develop products that we then ask doctors not to use. That only works if society pays for the insurance value of the drug, not the volume sold.",
                "speaker": "Mei-Lin Zhou",
                "role": "Health Policy Researcher, Pacific Health Policy Centre",
                "contributor": "mei-lin-zhou",
            }),
            ("heading", "Access is the other half"),
            ("paragraph", "Incentives for innovation must be matched by attention to access. In many low- and middle-income countries, more people die from lack of access to existing antibiotics than from resistance to them. Fragile supply chains, shortages of older generic drugs and weak laboratory capacity mean infections go undiagnosed or are treated with whatever is available. A global strategy that funds new drugs for wealthy hospitals while neglecting basic supply would be both unjust and ineffective, because resistance spreads across borders."),
            ("paragraph", "Stewardship remains essential. Overuse of antibiotics in human medicine and agriculture accelerates resistance. Surveillance data from several countries show that prescribing rates vary widely between regions with similar disease patterns, suggesting substantial room for improvement. Rapid diagnostic tests, which tell clinicians whether an infection is bacterial and which drugs will work, could transform prescribing, but they face reimbursement problems of their own."),
            ("pull_quote", "A good new antibiotic should be used as little as possible. That is sound medicine and terrible economics."),
            ("heading", "A shared responsibility"),
            ("paragraph", "Japan, which has experimented with pull incentives and maintains strong hospital surveillance, could play a bridging role in international efforts, as could India, a major producer of generic antibiotics and a country facing a heavy resistance burden. A pooled international fund that combines subscription payments for new drugs with support for access and stewardship in lower-income countries would address both halves of the problem. The sums involved are modest compared with the economic cost of widespread resistance."),
            ("paragraph", "The window for action is not unlimited. Resistance evolves continuously, and every year without new treatments narrows the options available to clinicians. Treating antibiotics as shared infrastructure, funded collectively and used carefully, is the only approach that matches the nature of the threat. The alternative is a gradual return to a world in which routine surgery, cancer chemotherapy and childbirth carry risks that most people today would find unimaginable."),
        ],
    },
    {
        "slug": "health-worker-migration-ethics",
        "section": "health",
        "kind": "analysis",
        "title": "Rich countries are filling their wards with nurses from poorer ones. The ethics need updating",
        "standfirst": (
            "International recruitment of health workers has surged as ageing societies struggle to staff "
            "hospitals. Source countries are left with deeper shortages unless recruitment is paired with "
            "real investment in training."
        ),
        "contributors": ["mei-lin-zhou", "elena-vasquez"],
        "topics": ["health systems", "migration", "health workforce"],
        "countries": ["PH", "GB", "NG"],
        "series": None,
        "days_ago": 134,
        "updated_days_ago": None,
        "image": {
            "caption": "Nurses in blue scrubs walk along a hospital corridor at the start of a night shift.",
            "agency": "Tribune Pictures",
            "photographer": "Grace Olamide Ajayi",
            "year": 2023,
            "alt": "Nurses walking down a hospital corridor",
            "palette": "ocean",
        },
        "body": [
            ("paragraph", "Across ageing high-income countries, hospitals and care homes are short of staff. Demand for care is rising as populations grow older, while domestic training pipelines have failed to keep pace and burnout has driven many experienced workers out of the profession. The fastest remedy has been international recruitment. Nurses, midwives, doctors and care workers from the Philippines, India, Nigeria, Ghana, Zimbabwe and many other countries now make up a substantial and growing share of the health workforce in several wealthy nations."),
            ("heading", "Benefits and costs"),
            ("paragraph", "Migration brings real benefits. Health workers gain higher salaries, professional development and opportunities for their families. Remittances support households and economies at home. Some source countries, notably the Philippines, have long trained nurses partly for work abroad and manage outward migration as a deliberate policy. For individual workers, the right to move and seek a better life is fundamental, and any ethical framework must start from that principle rather than treat people as national assets."),
            ("paragraph", "But the aggregate costs can be severe. In several African countries, the number of nurses leaving each year approaches or exceeds the number graduating. Rural clinics lose staff first, and specialist units such as intensive care and neonatal wards find it hardest to replace experienced personnel. Governments that invested public funds in training see those workers' most productive years spent elsewhere, effectively subsidising the health systems of far richer countries."),
            ("quote", {
                "text": "When three of our most experienced theatre nurses leave in the same month, we do not postpone surgeries for a week. We postpone them for a year, because that is how long it takes to train and trust a replacement.",
                "speaker": "Chinedu Okonkwo-Bello",
                "role": "Medical Director, Eastern Highlands Teaching Hospital",
                "contributor": None,
            }),
            ("heading", "Beyond voluntary codes"),
            ("paragraph", "International codes of practice on ethical recruitment already exist, and some destination countries maintain lists of nations from which active recruitment should be avoided. These tools have had limited effect. Private agencies operate in grey areas, workers migrate independently through third countries, and lists do not prevent recruitment of workers who apply on their own initiative. Voluntary codes also say little about what destination countries owe in return."),
            ("paragraph", "A more credible approach would link recruitment to investment. Bilateral agreements could require destination countries to fund training places in source countries, ideally more than the number of workers recruited, along with investment in faculty, clinical placements and retention incentives. Some agreements of this kind have been negotiated, though their scale remains small. Circular migration schemes, which allow workers to return with enhanced skills and recognised credentials, can turn loss into gain if they come with real career paths at home."),
            ("paragraph", "Destination countries should also look honestly at their own pipelines. Recruiting abroad is often cheaper in the short term than expanding nursing schools, raising pay and improving working conditions. But dependence on international recruitment is fragile: source countries may restrict emigration, competition among destination countries is intensifying, and global shortages mean the pool of available workers is not unlimited. Sustainable staffing requires training more workers at home and giving them reasons to stay."),
            ("heading", "Shared obligations"),
            ("paragraph", "Health worker migration will continue, and it should. The task is to ensure that it strengthens health systems at both ends rather than draining one to prop up the other. That requires moving from voluntary restraint to shared investment, with destination countries accepting that recruiting a nurse creates obligations to the system that trained her, and source countries building the conditions that make staying a real choice."),
        ],
    },
    {
        "slug": "pandemic-preparedness-between-crises",
        "section": "health",
        "kind": "opinion",
        "title": "Pandemic preparedness is fading from budgets. That is exactly when it should be built",
        "standfirst": (
            "The political attention that followed the last pandemic has moved on. But surveillance, surge "
            "capacity and public trust are built in quiet years, not in the middle of an emergency."
        ),
        "contributors": ["hana-sato", "mei-lin-zhou"],
        "topics": ["pandemic preparedness", "public health", "health systems"],
        "countries": ["JP", "SG"],
        "series": None,
        "days_ago": 88,
        "updated_days_ago": 30,
        "image": {
            "caption": "Laboratory staff process samples at a public health surveillance centre.",
            "agency": "Meridian Photo Agency",
            "photographer": "Lim Wei Jie",
            "year": 2022,
            "alt": "Laboratory staff handling sample tubes",
            "palette": "forest",
        },
        "body": [
            ("paragraph", "Every major epidemic produces the same cycle. Crisis brings urgency, funding and promises that the world will never again be caught unprepared. Then attention fades, budgets are reallocated and the institutions built in the emergency are quietly scaled back. Public health specialists call it the cycle of panic and neglect. We are now firmly in the neglect phase, and the consequences will be felt when the next outbreak arrives, as it certainly will."),
            ("heading", "What has been lost"),
            ("paragraph", "Across many countries, emergency funding for genomic surveillance, laboratory networks and stockpiles has expired without being replaced by stable budgets. Wastewater monitoring programmes that provided early signals of rising infections have been reduced or discontinued. Contact-tracing teams have been disbanded. Some of this retrenchment is understandable, since emergency structures cannot run indefinitely. But the capabilities that matter most in a crisis are precisely those that take years to build and cannot be recreated in weeks."),
            ("quote", {
                "text": "Surveillance is like a smoke alarm. Nobody praises it on the days when there is no fire, and everybody asks why it failed on the day there is one.",
                "speaker": "Rina Takahashi",
                "role": "Director of Surveillance, Osaka Bay Infectious Disease Centre",
                "contributor": None,
            }),
            ("paragraph", "Japan and Singapore, where we work, offer useful if different lessons. Both drew on experience of earlier outbreaks to build institutions, legal frameworks and habits of public communication that shaped their responses. Neither response was flawless, and both countries have since reviewed their arrangements. But the common thread is that preparedness was treated as a continuing function of government rather than an emergency project to be wound down once the headlines moved on."),
            ("heading", "Priorities for quiet years"),
            ("paragraph", "Three investments deserve protection. The first is integrated surveillance that links clinical data, laboratory testing, genomic sequencing and environmental monitoring, with clear rules for sharing data across borders. The second is surge capacity: trained reserves of health workers, hospital plans for rapid expansion and agreements with manufacturers to scale up production of tests, treatments and vaccines. The third, and the hardest to measure, is trust. Communities that trust health authorities follow guidance more readily, and trust is built through consistent, honest communication long before an emergency."),
            ("pull_quote", "Preparedness is a continuing function of government, not an emergency project."),
            ("paragraph", "International cooperation is equally vulnerable to fatigue. Negotiations on global arrangements for pathogen sharing and equitable access to countermeasures have proved slow and contentious. Regional mechanisms, in Southeast Asia, Africa and elsewhere, may offer more practical progress by pooling procurement, sharing laboratory capacity and coordinating responses among neighbours who face the same risks. Such arrangements are less ambitious than a global framework, but they can be built incrementally and tested in smaller outbreaks before a larger one puts them under strain."),
            ("paragraph", "Critics argue that money spent on preparedness competes with urgent needs in routine care, from cancer services to maternal health. That tension is real, but the choice is less stark than it appears. Much preparedness infrastructure strengthens everyday health systems: laboratories diagnose routine infections, surveillance tracks seasonal influenza and dengue, and trained workforces serve patients every day. Designed well, preparedness is not a separate budget line but a way of building health systems that can stretch."),
            ("paragraph", "The economic losses of the last pandemic ran into trillions of dollars. The cost of sustained preparedness is a small fraction of that. Governments that let their defences lapse are not saving money; they are borrowing against a future crisis at a very high rate of interest. The quiet years are not a reward for having survived the last emergency. They are the only time in which the next response can be prepared properly."),
        ],
    },
    {
        "slug": "heat-health-cities-adaptation",
        "section": "health",
        "kind": "analysis",
        "title": "Heat is the deadliest climate hazard, and cities are only starting to plan for it",
        "standfirst": (
            "Extreme heat kills more people than floods or storms in many regions, yet its toll is largely "
            "invisible. Early warning systems, cooler urban design and protection for outdoor workers can "
            "save lives now."
        ),
        "contributors": ["claire-fontaine", "hana-sato"],
        "topics": ["heat", "climate", "public health"],
        "countries": ["IN", "FR", "PK"],
        "series": None,
        "days_ago": 18,
        "updated_days_ago": None,
        "image": {
            "caption": "A street vendor shelters under a makeshift awning during a scorching afternoon in a crowded market.",
            "agency": "Northlight Images",
            "photographer": "Farhan Siddiqui",
            "year": 2024,
            "alt": "Vendor sheltering under an awning in the heat",
            "palette": "ember",
        },
        "body": [
            ("paragraph", "Floods and cyclones produce dramatic images and immediate casualty counts. Heatwaves do not. Their victims die quietly, often alone at home, from heart attacks, strokes, kidney failure and respiratory illness made worse by high temperatures. Many deaths are recorded under those underlying causes rather than as heat-related, so the true toll emerges only weeks later, when epidemiologists compare total deaths with what would normally be expected. These excess mortality studies consistently show that heat is among the deadliest climate hazards in many parts of the world."),
            ("heading", "Who is at risk"),
            ("paragraph", "Vulnerability follows predictable lines. Older people, especially those living alone, face the highest risk, along with people with chronic illnesses, infants and pregnant women. Outdoor workers in construction, agriculture and street trade are exposed for long hours, often without the option to stop. Residents of dense informal settlements, where metal roofs trap heat and night-time temperatures stay high, have little chance to recover. Hot nights are particularly dangerous because the body needs cooler hours to recuperate."),
            ("key_figures", {
                "title": "Heat and health (illustrative, Tribune estimates)",
                "figures": [
                    {"value": "+5-8°C", "label": "Urban heat island effect on hot nights"},
                    {"value": "1-3 days", "label": "Lag before deaths peak after heat onset"},
                    {"value": "1 in 3", "label": "Heat deaths avoidable with early warnings, modelled"},
                ],
            }),
            ("paragraph", "Several South Asian cities have developed heat action plans that combine forecast-based warnings with practical measures: opening cooling shelters, adjusting working hours, distributing water, alerting hospitals and reaching vulnerable residents through community health workers. Evaluations of early plans suggested meaningful reductions in deaths during later heatwaves. European cities, including many in France, strengthened their responses after heatwaves caused large excess mortality among older people living alone."),
            ("quote", {
                "text": "The thermometer does not tell you who is in danger. A heat action plan works only when it knows which streets, which buildings and which people need a knock on the door.",
                "speaker": "Meera Joshi-Pillai",
                "role": "Coordinator, Western India Urban Heat Network",
                "contributor": None,
            }),
            ("heading", "Designing cooler cities"),
            ("paragraph", "Warnings save lives in the short term, but long-term protection requires changing the built environment. Reflective roofs, shaded streets, trees and green spaces lower temperatures measurably. Building codes that encourage ventilation and insulation keep indoor temperatures safer. Access to cooling matters too, yet air conditioning raises energy demand and can worsen outdoor heat and emissions if powered by fossil fuels. Efficient cooling, paired with clean electricity and better building design, is the sustainable path."),
            ("pull_quote", "Heatwaves do not produce dramatic images, but they fill mortuaries."),
            ("paragraph", "Health systems themselves must adapt. Hospitals need to plan for surges in admissions during heatwaves and ensure their own buildings stay cool enough to treat patients safely. Clinicians should be trained to recognise heat-related illness and to advise patients on medications that impair the body's ability to regulate temperature. Surveillance systems that report excess deaths in near real time would allow authorities to evaluate and adjust their responses during an event, not months afterwards."),
            ("heading", "Protecting workers"),
            ("paragraph", "Labour protections are an overlooked frontier. Mandatory rest breaks, access to shade and water, and rules that halt heavy outdoor work above certain temperature thresholds exist in some countries but are poorly enforced. Informal workers, who make up the majority of the workforce in many hot countries, are often outside these protections entirely. Income support that allows workers to stop during dangerous heat without losing a day's wages may be among the most effective, and least discussed, adaptation measures."),
            ("paragraph", "Climate projections are clear that heatwaves will become more frequent and more intense. The encouraging news is that heat deaths are largely preventable with measures that are known, affordable and achievable now. The challenge is to treat heat as the public health emergency it already is, with the same planning, funding and political attention that cities give to floods and storms. Every summer without that shift adds to a toll that is counted too late and too quietly."),
        ],
    },
    {
        "slug": "africa-vaccine-manufacturing-demand-question",
        "section": "health",
        "kind": "analysis",
        "title": "Africa's vaccine factories are being built. The harder question is who will buy the doses",
        "standfirst": (
            "A wave of investment aims to make the continent less dependent on imported vaccines. Without "
            "predictable purchase commitments and regional regulatory cooperation, new plants risk standing idle."
        ),
        "contributors": ["mei-lin-zhou"],
        "topics": ["vaccines", "development", "health systems"],
        "countries": ["SN", "RW", "ZA"],
        "series": None,
        "days_ago": 148,
        "updated_days_ago": None,
        "image": {
            "caption": "Workers in sterile gowns monitor a vial-filling line inside a pharmaceutical plant.",
            "agency": "Meridian Photo Agency",
            "photographer": "Aminata Diallo-Sow",
            "year": 2023,
            "alt": "Vaccine vials moving along a filling line",
            "palette": "sand",
        },
        "body": [
            ("paragraph", "The pandemic exposed a stark imbalance. Africa, home to nearly a fifth of the world's population, manufactured only a tiny fraction of the vaccines it used, and when global supply was scarce, the continent waited at the back of the queue. The response has been an ambitious push to build local manufacturing capacity. Projects in Senegal, Rwanda, South Africa and elsewhere have attracted public and private investment, technology-transfer partnerships and strong political backing, with a continental ambition to produce most of the vaccines Africa needs within two decades."),
            ("heading", "Capacity without contracts"),
            ("paragraph", "Building a plant is the visible part of the challenge. Keeping it running is harder. Vaccine manufacturing is a business of high fixed costs and thin margins, dominated by large producers that benefit from enormous economies of scale. A new African plant producing routine childhood vaccines must compete on price with established manufacturers in India and elsewhere that can supply the same products at very low cost. Without guaranteed orders, investors and lenders will hesitate, and existing facilities may operate well below capacity."),
            ("quote", {
                "text": "A factory without an order book is a monument, not an industry. What African manufacturers need most is not another ribbon-cutting but a multi-year purchase commitment.",
                "speaker": "Samuel Mensah",
                "role": "Chief Economist, Accra Development Lab",
                "contributor": "samuel-mensah",
            }),
            ("paragraph", "This is where demand commitments matter. Regional procurement mechanisms and international vaccine purchasers can signal long-term demand by committing to buy a share of their supplies from African producers, even at a modest price premium during an initial period. Advance market commitments of this kind have a track record in stimulating production of new vaccines. Applied to regional manufacturing, they would reduce risk enough to attract the capital needed to scale."),
            ("heading", "Regulation and markets"),
            ("paragraph", "A second constraint is regulatory. A vaccine approved in one African country often requires separate approval in each of the others, fragmenting a continental market of more than a billion people into dozens of small ones. Strengthening national regulators and building a continental regulatory agency with the authority and expertise to streamline approvals are essential. Progress has been made, but the institutions are young and need sustained funding and skilled staff."),
            ("pull_quote", "Manufacturing sovereignty is built on purchase orders as much as on steel and glass."),
            ("paragraph", "Technology choice also matters. Messenger RNA platforms offer flexibility, since the same facility can be adapted to produce different vaccines relatively quickly, which makes them attractive for outbreak response. But many routine vaccines rely on older technologies, and demand for mRNA products outside emergencies remains uncertain. A balanced portfolio, combining fill-and-finish operations, established vaccines with predictable demand and newer platforms for outbreak readiness, may offer the most resilient business model."),
            ("paragraph", "People are the final ingredient. Vaccine production requires microbiologists, process engineers, quality assurance specialists and regulatory experts, many of whom are in short supply globally. Partnerships with universities and training programmes linked to specific plants are beginning to fill the gap, but the timelines are long. Retaining skilled staff in a competitive international market will require attractive salaries and credible career paths."),
            ("related_link", {
                "title": "Pandemic preparedness is fading from budgets. That is exactly when it should be built",
                "article": "pandemic-preparedness-between-crises",
            }),
            ("paragraph", "The case for African vaccine manufacturing is strong, on grounds of health security, industrial development and fairness. But the project will succeed only if those who fund plants also commit to buying their output, and if African governments invest as seriously in regulation and procurement as in factories. The next outbreak will reveal whether the lessons of the last one have been learned."),
        ],
    },
    {
        "slug": "mental-health-services-gap",
        "section": "health",
        "kind": "opinion",
        "title": "Mental health services are expanding too slowly to meet demand",
        "standfirst": (
            "Awareness of mental illness has grown faster than the services to treat it. Task-sharing with "
            "trained community workers and integration with primary care offer a realistic way to close the gap."
        ),
        "contributors": ["mei-lin-zhou"],
        "topics": ["mental health", "health systems", "public health"],
        "countries": ["SG", "KE", "GB"],
        "series": None,
        "days_ago": 58,
        "updated_days_ago": None,
        "image": {
            "caption": "A community health worker talks with a young woman on a bench outside a neighbourhood clinic.",
            "agency": "Tribune Pictures",
            "photographer": "Naomi Wairimu Otieno",
            "year": 2024,
            "alt": "Health worker talking with a young woman outdoors",
            "palette": "forest",
        },
        "body": [
            ("paragraph", "Few areas of health have seen such a rapid change in public attitudes as mental health. Conversations that were once taboo now take place in schools, workplaces and the media. Young people in particular speak about anxiety and depression with an openness their parents rarely had. This is progress. But it has created an uncomfortable gap between the number of people seeking help and the capacity of health systems to provide it. In many countries, waiting lists for therapy stretch for months, and in lower-income settings specialist care barely exists."),
            ("heading", "The scale of the gap"),
            ("paragraph", "The treatment gap is widest where resources are thinnest. In many low-income countries there is less than one psychiatrist for several hundred thousand people, and mental health receives a tiny share of already small health budgets. Even in wealthy countries, services are fragmented between hospitals, community teams, private practitioners and digital providers, with little coordination. People in crisis often end up in emergency departments that are poorly equipped to help them."),
            ("quote", {
                "text": "We cannot train psychiatrists fast enough to meet need, and we do not have to. Most people with depression or anxiety can be helped by well-trained, well-supervised non-specialists.",
                "speaker": "David Mwangi Kariuki",
                "role": "Programme Lead, Nairobi Centre for Community Mental Health",
                "contributor": None,
            }),
            ("paragraph", "The most promising response is task-sharing. Research from many countries has shown that lay counsellors, community health workers and nurses, trained in structured psychological therapies and supported by specialists, can deliver effective treatment for common conditions. Programmes in East Africa and South Asia have demonstrated improvements in depression outcomes at a fraction of the cost of specialist care. The approach is not second-best; for many patients it is more accessible, more culturally grounded and less stigmatising."),
            ("pull_quote", "Awareness has outpaced capacity, and the gap is being filled by waiting lists."),
            ("heading", "Integration with primary care"),
            ("paragraph", "The second priority is integrating mental health into primary care. Most people with mental health conditions first present to a general practitioner or clinic nurse, often with physical symptoms. Training primary care teams to recognise and manage common conditions, with clear referral routes for complex cases, brings care closer to where people already are. Singapore's community mental health teams linked to general practice offer one model; Kenya's expanding network of community health workers offers another."),
            ("paragraph", "Digital tools can help but should not be oversold. Apps and online therapy programmes can extend reach, particularly for young people, and some have good evidence for mild to moderate conditions. But many digital products lack rigorous evaluation, raise data protection concerns and may widen inequality if they replace rather than complement human support. Regulators should require evidence of effectiveness for digital tools that make clinical claims."),
            ("quote", {
                "text": "Mental health data are among the most sensitive information a person can share. An app that leaks them can do harm that no therapy session will undo.",
                "speaker": "Priya Raman",
                "role": "Fellow in Technology Policy, Bangalore Centre for Digital Society",
                "contributor": "priya-raman",
            }),
            ("paragraph", "Finally, funding must follow rhetoric. Governments frequently declare mental health a priority while allocating it a small fraction of health spending. Ring-fenced budgets, measurable targets for access and waiting times, and investment in the workforce, from counsellors to psychiatrists, are the test of seriousness. The economic case is strong: untreated depression and anxiety impose large costs through lost productivity, and effective treatment can more than pay for itself."),
            ("paragraph", "Awareness campaigns have done their job. People are ready to seek help, often for the first time in their lives. The task now is to make sure that when they do, someone trained and supported is there to answer, in a clinic, a community centre or a school, rather than at the end of a waiting list that stretches into next year."),
        ],
    },
    {
        "slug": "dengue-season-arrives-earlier-in-asia",
        "section": "health",
        "kind": "news",
        "title": "Dengue season is arriving earlier across South and Southeast Asia, surveillance network warns",
        "standfirst": (
            "A regional network of researchers reports that dengue cases are rising weeks earlier than in "
            "past decades in several countries, stretching hospitals and mosquito control programmes."
        ),
        "contributors": ["hana-sato"],
        "topics": ["public health", "climate", "epidemiology"],
        "countries": ["SG", "MY", "BD"],
        "series": None,
        "days_ago": 0,
        "updated_days_ago": None,
        "image": {
            "caption": "A municipal health worker fogs a residential alley with insecticide at dusk to control mosquitoes.",
            "agency": "Northlight Images",
            "photographer": "Aziz Rahman Nordin",
            "year": 2025,
            "alt": "Health worker fogging a narrow alley",
            "palette": "dusk",
        },
        "body": [
            ("paragraph", "Dengue transmission is beginning earlier in the year and lasting longer in several countries across South and Southeast Asia, according to a regional assessment released by the Asia-Pacific Arbovirus Surveillance Network, a consortium of university and public health research groups. The report, which pooled surveillance data from national and city-level sources, finds that the seasonal rise in cases now starts several weeks earlier on average than it did two decades ago in a majority of the locations studied."),
            ("paragraph", "Researchers link the shift to higher temperatures and changing rainfall patterns, which affect both mosquito breeding and the speed at which the virus replicates inside the insect. Urban growth, household water storage and increased travel also contribute. The network cautions that changes in testing and reporting over time complicate comparisons, but says the pattern is consistent across sites with quite different surveillance systems."),
            ("heading", "Hospitals under pressure"),
            ("paragraph", "A longer season means more cases and a longer period of strain on health services. Severe dengue requires careful monitoring and fluid management, and hospitals in affected cities have reported crowded wards during peak months. The report notes that deaths from severe dengue can be kept very low with good clinical care, but that this depends on trained staff and early recognition of warning signs, both of which come under pressure when case numbers surge."),
            ("quote", {
                "text": "Dengue used to have a beginning and an end that clinicians could plan around. In many cities that rhythm is breaking down, and health services have to prepare for a much longer season.",
                "speaker": "Nurul Aisyah Rahim",
                "role": "Lead Investigator, Asia-Pacific Arbovirus Surveillance Network",
                "contributor": None,
            }),
            ("paragraph", "The assessment calls for mosquito control programmes to begin earlier in the year and to focus on eliminating breeding sites in homes, construction sites and public spaces. It also recommends expanding community-based surveillance, improving laboratory capacity to distinguish dengue from other fevers, and integrating climate forecasts into outbreak early-warning systems, so that health authorities can prepare before cases climb rather than after."),
            ("paragraph", "The economic burden is also growing. Dengue illness often keeps adults away from work for a week or more and children out of school, and households in lower-income neighbourhoods bear a disproportionate share of those costs. The network estimates that the indirect costs of lost productivity exceed direct medical spending in most of the cities studied, and argues that prevention budgets should be judged against that wider toll rather than hospital bills alone."),
            ("heading", "New tools, old basics"),
            ("paragraph", "New tools are generating cautious optimism. Releases of mosquitoes carrying Wolbachia bacteria, which reduce their ability to transmit dengue, have shown promising results at several sites. Vaccines are available in some countries, although their use is subject to specific recommendations based on age and prior infection. The authors stress that these tools complement rather than replace basic measures such as removing standing water and protecting people from bites."),
            ("quote", {
                "text": "Climate signals are now visible in infectious disease data, not only in temperature records. Linking the two in early-warning systems is one of the most practical adaptation steps available.",
                "speaker": "Claire Fontaine",
                "role": "Climate Scientist, Rhône Climate Institute",
                "contributor": "claire-fontaine",
            }),
            ("paragraph", "The report adds that dengue is spreading into areas where it was previously rare, including higher altitudes and more temperate cities, where clinicians have little experience of the disease. It urges regional cooperation on data sharing and joint procurement of diagnostics, arguing that a mosquito-borne virus does not respect borders and that no country can manage the changing season alone."),
        ],
    },
]
