"""The demo outlet's pages that earn trust (original text, written for Tribune's demo): About, the masthead's
introduction, editorial standards and ethics, the corrections policy, contact and tips, privacy and terms; and
``trust_pages_build``, which creates them through the services and designates them in the site's settings.

Every address below is on ``example`` domains: the demo outlet receives no mail."""

from collections.abc import Callable

from tribune.editorial.services import masthead_page_ensure
from tribune.newsroom import services as newsroom

ABOUT = """
<p>Tribune publishes opinion and analysis by people who know their subject from the inside: economists who have
advised finance ministries, epidemiologists who have run outbreak investigations, diplomats, engineers, lawyers and
researchers who have spent years in the places they write about. We ask them to explain what is happening and why,
to argue for what they think should happen next, and to show their evidence while they do it.</p>

<h2>What we are for</h2>
<p>News tells readers what happened. We try to add what an expert sees in it: the history a headline leaves out, the
numbers that put a claim in proportion, the trade-offs a decision involves and the questions still open. We would
rather publish one piece that changes how a reader understands an issue than ten that repeat what they already
know.</p>
<p>Our contributors disagree with one another, sometimes in our pages. We think that is useful. We do not take
positions as an institution, endorse candidates or campaign for causes; our editors decide what is worth
publishing and whether it meets our standards, not which side it is on.</p>

<h2>Independence</h2>
<p>Editorial decisions are made by our editors alone. No funder, member, advertiser, government or contributor's
employer sees a piece before it is published or has any say in what we commission, edit, correct or withdraw. When
someone tries, we say so publicly.</p>
<p>Experts who write for us keep their own affiliations, and many are paid by universities, research institutes,
companies or international organisations. We ask each of them to disclose any interest a reasonable reader would
want to know about, and we print that disclosure with every piece they write. Our
<a href="/standards/">editorial standards</a> explain how we handle the cases where an interest is too close to
the subject.</p>

<h2>How we are funded</h2>
<p>Tribune carries no advertising and sells nothing about its readers. Our income comes from three sources: reader
memberships, which pay for most of the editing; grants from foundations, given for general support or for coverage
of broad fields such as public health or climate, never for particular articles or conclusions; and fees from other
publications that republish our pieces.</p>
<p>We publish a list of every funder that gave more than a small amount in the previous year, with the amount, each
spring. We do not accept money from governments, political parties or companies whose affairs we regularly cover,
and we turn down any grant that comes with conditions on what we publish.</p>

<h2>Who we are</h2>
<p>A small team of editors commissions, edits and fact-checks every piece; the <a href="/masthead/">masthead</a>
lists them and what each is responsible for. Our contributors, more than the staff, are the publication: you can
read about each of them, their expertise and their disclosures, on their profile pages.</p>
"""

MASTHEAD_INTRO = """
<p>These are the people responsible for what Tribune publishes. The chief editors set our standards and answer for
every decision to publish, correct or withdraw a piece. Each section editor commissions and edits the pieces in
their section and reviews them before they appear. Our staff analysts write regularly and help contributors with
data and sources.</p>
<p>This list is drawn from the roles people hold in our publishing system, so it changes when they do. To reach any
of them, use the addresses on our <a href="/contact/">contact page</a>.</p>
"""

STANDARDS = """
<p>These standards apply to everything Tribune publishes, whoever writes it. Our editors apply them before a piece is
published; readers can hold us to them afterwards, and our <a href="/corrections-policy/">corrections policy</a>
says what happens when we fall short.</p>

<h2>Facts and sourcing</h2>
<p>Opinion is welcome in our pages; invented or careless facts are not. Every factual claim in a piece must be
supported by a source the editor can check: published data, a document, a study, an on-the-record interview or the
author's own documented work. Where a piece relies on figures, we link to where they come from and say what they
measure. Where evidence is contested, we say so rather than choosing the convenient study.</p>
<p>Editors check the claims that matter to a piece's argument before it is published. When we cannot confirm
something that is central, we take it out or state plainly that it is unconfirmed and why we are reporting it.</p>

<h2>Anonymous sources</h2>
<p>We name the people we quote. We grant anonymity only when a source would face serious harm, such as losing their
job, their safety or their freedom, for speaking, and when the information matters and cannot be had on the record.
At least one editor must know the source's identity and agree that the source is in a position to know what they
say. The piece tells readers why the source was not named and, as far as is safe, how they know what they know.
Anonymity is never given for personal attacks or for opinions.</p>

<h2>Conflicts of interest</h2>
<p>Experts are valuable to readers precisely because they are involved in their fields, and involvement brings
interests. Every contributor tells us about their employers, funders, paid advice, board seats, shareholdings and
political roles that bear on what they write, and we print that disclosure with each piece. We do not publish a
piece whose author has a direct financial stake in the outcome it argues for, or that promotes an organisation the
author leads without saying so in the text.</p>
<p>Staff and editors do not write about organisations they work for outside Tribune, and declare to the chief editors
any interest that could affect their judgement, who decide whether they should step away from a piece.</p>

<h2>Opinion, analysis and news: labelled</h2>
<p>Every piece carries a label. <strong>Opinion</strong> argues for a view: it is the author's own, not
Tribune's, and it still has to be accurate. <strong>Analysis</strong> explains events and their causes on the
evidence; its author may reach conclusions, but the piece should give readers what they need to reach their own.
<strong>Explainers</strong> set out background, and <strong>interviews</strong> present a person's answers
to our questions, edited for length and clarity but never for meaning. Headlines, summaries and images must not
promise a different piece from the one underneath.</p>

<h2>Use of artificial intelligence</h2>
<p>Our pieces are written by their named authors and edited by people. We do not publish text, images or audio
generated by AI tools as our journalism. Authors and editors may use such tools for limited tasks, such as
transcribing an interview, translating a document to understand it, or searching large sets of records, provided a
person checks every result that ends up in a piece. Our software suggests the people, places and figures a piece
mentions so editors can link related coverage; an editor accepts or rejects each suggestion. Where an AI tool played
a material part in the reporting behind a piece, the piece says so.</p>

<h2>Fairness and right of reply</h2>
<p>When a piece makes a serious allegation about a named person or organisation, we give them a fair chance to
respond before publication and report their response. We do not publish private information unless it is necessary
to a matter of public interest.</p>

<h2>Translations</h2>
<p>Our editions in other languages translate pieces faithfully. A translation that falls behind a correction to the
original says so until it is brought up to date.</p>
"""

CORRECTIONS_POLICY = """
<p>We make mistakes, and when we do we correct them openly, promptly and where readers will see them. Correcting an
error is part of the work, not an embarrassment to be kept quiet.</p>

<h2>How to tell us</h2>
<p>If you think something we published is wrong, write to <a href="mailto:corrections@tribune.example">corrections@tribune.example</a>
with the piece's address, what you believe is wrong and, if you can, how you know. An editor reads every message
and replies within two working days, including when we decide that no correction is needed and why. Authors may
also ask for a correction to their own piece, through their editor.</p>

<h2>How corrections appear</h2>
<p><strong>Corrections</strong> fix errors of fact: a wrong figure, date, name, title or quotation, or a claim
our sources do not support. We change the text and add a dated note at the end of the piece that says what was
wrong and what is now right. We do not quietly rewrite a piece and leave readers to wonder what changed.</p>
<p><strong>Updates</strong> are for what was not an error but needed adding or clarifying: new information that
changes the picture, a response we received after publication, or wording that readers reasonably took to mean
something it did not. They are marked as updates, dated, and say what was added.</p>
<p>Spelling, grammar and broken links are fixed without a note when they do not change the meaning.</p>
<p>A piece with a correction or update shows it in its history, next to the time of first publication, and the
pieces our other editions translated from it are marked until they are corrected too.</p>

<h2>The corrections log</h2>
<p>Every correction and update we publish is listed, newest first, in our public
<a href="/corrections/">corrections log</a>, which also has its own feed. It lets anyone see how often we get
things wrong and what kinds of mistakes we make.</p>

<h2>Withdrawals</h2>
<p>We remove a piece only when it cannot be corrected, for instance when its central claim proves false, or when
publishing it puts someone at risk. In that case we say at its address what was withdrawn and why. Requests to
remove accurate pieces because they have become inconvenient are declined.</p>
"""

CONTACT = """
<p>We read everything that reaches us, though we cannot always answer at length. Choose the address that fits what
you want to tell us: it reaches the right editor faster.</p>

<h2>General questions</h2>
<p>For questions about Tribune, our memberships or the site, write to
<a href="mailto:hello@tribune.example">hello@tribune.example</a>. To report an error in a piece, see our
<a href="/corrections-policy/">corrections policy</a>. To complain about a comment in the discussion, use the
report button under the comment, which goes straight to our moderators.</p>

<h2>Pitches from experts</h2>
<p>We publish people with first-hand knowledge of their subject: researchers, practitioners, officials past and
present, people who have worked where the news is happening. If that is you, send a pitch to
<a href="mailto:pitches@tribune.example">pitches@tribune.example</a> with:</p>
<ul>
<li>the argument of the piece in two or three sentences, and why it matters now;</li>
<li>what you know about the subject and how you know it;</li>
<li>any interest we should disclose alongside it: employers, funders, paid advice, political roles.</li>
</ul>
<p>Please send a pitch rather than a finished article, and send it to one publication at a time. An editor answers
every pitch within a week. We pay every contributor, at the same published rate for the same length of piece.</p>

<h2>Tips and documents</h2>
<p>If you have information or documents that you think the public should know about, we want to hear from you, and
we will protect you. Before you contact us, think about who could see that you did: avoid work devices and work
networks.</p>
<ul>
<li><strong>Signal</strong>, end-to-end encrypted: message the username <em>tribune-tips.01</em>. Set messages to
disappear.</li>
<li><strong>Encrypted email</strong>: write to <a href="mailto:tips@tribune.example">tips@tribune.example</a>
using the public key published with that address; ordinary email is not private.</li>
<li><strong>Post</strong>: send documents, with no return address if you prefer, to Tribune Tips, PO Box 0000,
Example City.</li>
</ul>
<p>Only the two editors who handle tips see what arrives. We never reveal a source who has asked to stay anonymous,
and our <a href="/standards/">standards</a> explain when we grant that. We check what we receive before we
publish anything based on it.</p>
"""

PRIVACY = """
<p>Tribune is a reading service, not a data business. We collect as little as we can about readers, we do not sell
or share it, and we do not let other companies collect it through our pages. The statement below is generated
from the way the site actually works and lists exactly what is recorded.</p>
<p>For any question about your data, or to ask us to correct or delete it, write to
<a href="mailto:privacy@tribune.example">privacy@tribune.example</a>. We answer within thirty days, and you do not
need an account to ask.</p>
"""

TERMS = """
<p>These terms are short because our relationship with readers is simple.</p>
<h2>Reading</h2>
<p>You may read, link to and quote from anything we publish, with credit and a link to the original. To republish a
whole piece, ask us first: many can be republished for a fee that supports our work.</p>
<h2>Our content</h2>
<p>Pieces belong to their authors or to Tribune, as agreed with each author. Photographs belong to the
photographers and agencies credited under them. What we publish is for general information and is not professional
advice for your particular situation.</p>
<h2>Accounts and comments</h2>
<p>You are responsible for what you post. Comments must follow our discussion rules: no abuse, no harassment, no
spam and nothing illegal. Moderators may hold, edit out personal attacks from, or remove comments, and may suspend
accounts that break the rules. You can delete your account, and download what we keep about you, at any time.</p>
<h2>Changes</h2>
<p>If we change these terms, we will say so on this page with the date, and tell members by email about any change
that affects them.</p>
"""

# (field in the trust-page setting, slug, title, body): the footer lists them in the setting's order.
PAGES = [
    ("about", "about", "About Tribune", ABOUT),
    ("standards", "standards", "Editorial standards and ethics", STANDARDS),
    ("corrections_policy", "corrections-policy", "Corrections policy", CORRECTIONS_POLICY),
    ("contact", "contact", "Contact and tips", CONTACT),
    ("privacy", "privacy-policy", "Privacy", PRIVACY),
    ("terms", "terms", "Terms of use", TERMS),
]


def trust_pages_build(*, home, log: Callable[[str], None] = print) -> dict:
    """The pages and the masthead under ``home``, designated as the site's trust pages (idempotent: existing pages
    are the editors' and kept as they are)."""
    pages = {
        field: newsroom.standard_page_ensure(home=home, slug=slug, title=title, body=body.strip())
        for field, slug, title, body in PAGES
    }
    pages["masthead"] = masthead_page_ensure(
        home=home, slug="masthead", title="Masthead", intro=MASTHEAD_INTRO.strip(), show_moderators=True
    )
    newsroom.trust_pages_set(site=home.get_site(), **pages)
    log(f"Trust pages: {len(pages)}")
    return pages
