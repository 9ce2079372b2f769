"""Title, company and city from the header shapes people paste: terse headlines, HN lines,
county boards, label lines whose value is not a place."""

from __future__ import annotations

from resumecore.postings import email_shape, parse_posting
from resumecore.postings.furniture import strip_furniture

DASH = "\u2013"


def test_gender_mark_inside_a_title_goes() -> None:
    parsed = parse_posting("Mechatroniker (m/w/d) Instandhaltung\nFirma: Kessler GmbH\n")
    assert parsed.title == "Mechatroniker Instandhaltung"


def test_an_aside_that_names_the_job_stays() -> None:
    parsed = parse_posting(f"Class Teacher {DASH} Year 4 (KS2)\nStanwix Primary School\n")
    assert parsed.title == f"Class Teacher {DASH} Year 4 (KS2)"


def test_terse_headline_keeps_only_the_role() -> None:
    parsed = parse_posting(
        f"Gas Engineer / Plumber {DASH} Leicester & surrounding {DASH} £40-45k + van\n\n"
        "Company: Beaumont Heating Services Ltd\n- Gas Safe registered\n"
    )
    assert parsed.title == "Gas Engineer / Plumber"
    assert parsed.location == "Leicester"


def test_hn_header_line_names_title_and_company() -> None:
    parsed = parse_posting(
        "Ferrowave (YC W22) | Platform / SRE Engineer | Remote (worldwide) | Full-time\n\n"
        "We ingest turbine data. Need: Kubernetes, Terraform.\n\n"
        "Is the range the same regardless of location?\n"
    )
    assert (parsed.title, parsed.company) == ("Platform / SRE Engineer", "Ferrowave")


def test_premises_before_the_city_are_not_the_city() -> None:
    parsed = parse_posting(
        "Administrative Assistant\nWestmoor County Council\n\n"
        "Location: County Hall, Taunton Road, Bridgwater\n"
    )
    assert parsed.location == "Bridgwater"


def test_work_location_in_person_is_a_mode_not_a_city() -> None:
    parsed = parse_posting(
        "DevOps Engineer\nRedline Logistics\nDallas, TX\n\nWork location: In person\n"
    )
    assert parsed.location == "Dallas, TX"
    assert parsed.remote == "onsite"


def test_specialisation_with_a_terms_aside_stays_in_the_title() -> None:
    parsed = parse_posting("GIS Analyst - Transportation (12-Month Temporary)\nDenver, CO\n")
    assert parsed.title == "GIS Analyst - Transportation"


def test_city_with_state_code_and_no_comma() -> None:
    parsed = parse_posting(
        f"HVAC Install Technician {DASH} Summit Comfort Systems\nKnoxville TN | full time\n"
        "Apply in person: 2210 Callahan Dr\n"
    )
    assert parsed.title == "HVAC Install Technician"
    assert parsed.company == "Summit Comfort Systems"
    assert parsed.location == "Knoxville"
    assert parsed.remote is None


def test_german_linkedin_menu_is_page_noise() -> None:
    parsed = parse_posting(
        "Zum Hauptinhalt springen\nStartseite\nMein Netzwerk\nJobs\nNachrichten\n"
        "Benachrichtigungen\n\nServicetechniker Mechatronik (m/w/d)\n"
        "Ostermann Anlagenbau GmbH · Leonberg, Baden-Württemberg, Deutschland · vor 1 Woche\n"
        "Bewerben\nSpeichern\n"
    )
    assert parsed.title == "Servicetechniker Mechatronik"
    assert parsed.company == "Ostermann Anlagenbau GmbH"
    assert parsed.location is not None
    assert parsed.location.startswith("Leonberg")


def test_recruiter_mail_subject_names_title_company_and_city() -> None:
    parsed = parse_posting(
        f"Subject: 6-month contract {DASH} Desktop Support Technician {DASH} "
        "Larkspur Medical Group (Omaha)\n\nHi Sam,\n\nWe're filling spots for Larkspur Medical "
        "Group's Windows 11 refresh.\n"
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Desktop Support Technician",
        "Larkspur Medical Group",
        "Omaha",
    )


def test_recruiter_mail_spells_out_an_abbreviated_title_and_reads_my_client() -> None:
    parsed = parse_posting(
        f"Subject: Temp-to-hire Customer Service Rep {DASH} $20/hr {DASH} Spokane\n\nHi Sam,\n\n"
        "We have an opening for a Customer Service Representative with a utility. "
        "My client is Velotrak GmbH.\n"
    )
    assert parsed.title == "Customer Service Representative"
    assert parsed.company == "Velotrak"


def test_apprenticeship_is_full_time_and_fully_in_office_is_onsite() -> None:
    parsed = parse_posting(
        "Electrician Apprentice\nAcme Electric\n\nLocation: Austin, TX - fully in office\n"
    )
    assert parsed.employment_type == "full_time"
    assert parsed.remote == "onsite"


def test_recruiter_mail_names_the_client_by_a_role_at_it_not_the_agency() -> None:
    parsed = parse_posting(
        "Subject: Nurse role - Leeds\n\nHi Ann,\n\nI am Tom from Apex Recruitment. "
        "I have a role at Riverside Care Homes in Leeds.\n"
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Nurse",
        "Riverside Care Homes",
        "Leeds",
    )


def test_greenhouse_page_title_and_bulleted_labels() -> None:
    parsed = parse_posting("Job Application for Senior Engineer at Quillpay\n\nWe build cards.\n")
    assert (parsed.title, parsed.company) == ("Senior Engineer", "Quillpay")
    terse = parse_posting(f"Welder {DASH} $25/hr\nAcme Steel\n\u2022 Location: Perth, WA\n")
    assert (terse.title, terse.location) == ("Welder", "Perth, WA")


def test_a_city_named_as_our_office_or_city_based() -> None:
    assert parse_posting("Engineer\nAcme\n\nJoin our Leeds office.\n").location == "Leeds"
    assert parse_posting("Engineer\nAcme\n\nA Munich-based scale-up.\n").location == "Munich"


def test_indeed_page_title_suffix_and_badges_are_furniture() -> None:
    parsed = parse_posting(
        "Warehouse Associate - job post\nCrestline Distribution\n4.1 out of 5 stars\nReno, NV\n"
        "Urgently hiring\n\nFull job description\nWe pick orders.\n"
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Warehouse Associate",
        "Crestline Distribution",
        "Reno, NV",
    )


def test_recruiter_mail_names_a_client_after_a_comma_and_a_place_the_body_confirms() -> None:
    parsed = parse_posting(
        "Subject: Nurse Manager - ICU - Fintech - Denver\n\nHi Jamie,\n\n"
        "I'm working with a large hospital client, St. Aurelia Medical Center, on this opening "
        "in Denver, CO.\n"
    )
    assert parsed.company == "St. Aurelia Medical Center"
    assert parsed.location == "Denver"


def test_recruiter_mail_reads_the_employer_that_is_hiring() -> None:
    parsed = parse_posting(
        "Subject: CDL-A Driver opportunity with Redline Freight - Memphis terminal\n\n"
        "Hey Chris,\n\n"
        "Reaching out because Redline Freight is hiring drivers.\n"
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "CDL-A Driver",
        "Redline Freight",
        "Memphis",
    )


def test_a_business_name_after_the_title_is_the_company() -> None:
    parsed = parse_posting("Line Cook - Blue Heron Bistro\nPortland, OR\n$19-$23/hr\n")
    assert (parsed.title, parsed.company) == ("Line Cook", "Blue Heron Bistro")
    specialised = parse_posting("Dental Hygienist II - Public Health\nHarmon Valley County\n")
    assert specialised.title == "Dental Hygienist II - Public Health"


def test_recruiter_mail_client_after_clients_comma_and_german_client() -> None:
    indian = parse_posting(
        "Subject: Opportunity: Senior Backend Engineer | Pune | 25-35 LPA\n\nHi Rahul,\n\n"
        "We are hiring for one of our esteemed clients, Vyomika Fintech Pvt. Ltd., a lender.\n"
        "Designation: Senior Backend Engineer\n"
    )
    assert (indian.title, indian.company, indian.location) == (
        "Senior Backend Engineer",
        "Vyomika Fintech",
        "Pune",
    )
    german = parse_posting(
        "Betreff: CNC-Fräser (m/w/d) - Nähe Ulm\n\nHallo Herr Yilmaz,\n\n"
        "hier die Eckdaten bei unserem Kunden, der Hollweg Präzisionstechnik GmbH. Das "
        "Unternehmen fertigt Frästeile. Der Standort ist in Blaustein, nahe Ulm.\n\n"
        "Position: CNC-Fräser (m/w/d) - 5-Achs-Bearbeitung\n"
    )
    assert (german.title, german.company, german.location) == (
        "CNC-Fräser - 5-Achs-Bearbeitung",
        "Hollweg Präzisionstechnik",
        "Blaustein",
    )


def test_location_lines_drop_premises_modes_and_further_places() -> None:
    cases = {
        "Location: Patient Service Center - 1820 W Bell Rd, Phoenix AZ 85023": "Phoenix",
        "Location: Sir John Rogerson's Quay, Dublin 2 - hybrid": "Dublin",
        "Location: Onsite, Fort Wayne, IN - Monday through Friday": "Fort Wayne",
        "Where: North Sydney NSW 2060 + CBD sites": "North Sydney",
        "Location: Riverbend Public Works Yard, 400 Mill St, Riverbend, OR": "Riverbend",
    }
    for line, city in cases.items():
        parsed = parse_posting(f"Phlebotomist II\nCompany: Clearwater Labs\n{line}\n")
        assert (parsed.location or "").split(",")[0] == city, line


def test_a_county_is_not_a_city_but_the_premises_town_is() -> None:
    head = "Alder County\nLicensed Vocational Nurse II\n\nLocation: Alder County, CA\n\n"
    with_town = parse_posting(
        head + "Care for adults at the Adult Detention Facility in Marysdale."
    )
    assert with_town.location == "Marysdale"
    assert parse_posting(head + "Work at sites throughout the County.").location is None


def test_workday_copy_title_company_above_and_lowercase_asides() -> None:
    parsed = parse_posting(
        "Harrow Creek Health\nCareers\nSearch for Jobs\nSign In\n\n"
        "Radiologic Technologist II - $10,000 Sign-On Bonus\nApply\nlocations\n"
        "Lakeland, FL - Harrow Creek Medical Center\n"
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Radiologic Technologist II",
        "Harrow Creek Health",
        "Lakeland, FL",
    )
    terse = parse_posting("Accounts Executive - urgent requirement\nLocation: Rajkot, Gujarat\n")
    assert (terse.title, terse.company) == ("Accounts Executive", None)


def test_the_first_paragraph_names_the_employer_but_not_this() -> None:
    parsed = parse_posting(
        "Back to jobs\nCustomer Support Specialist\nRemote - United States\n\n"
        "Pantrybird delivers weekly meal kits and groceries to 400,000 households in 38 states.\n"
        "This is a full-time, fully remote position for people who like solving problems.\n"
    )
    assert parsed.company == "Pantrybird"


def test_careers_page_heading_repeats_the_document_title_past_banners_and_menus() -> None:
    parsed = parse_posting(
        "Elementarpädagog:in (w/m/d) für Kindergartengruppe - Wien 1100 | Jobs | Kinderwelt\n\n"
        "Diese Website verwendet Cookies. Mehr erfahren\n\nKinderwelt\n\n"
        "Elementarpädagog:in (w/m/d) für Kindergartengruppe\n\n"
        "- Standort: Kindergarten Favoriten, Quellenstraße 118, 1100 Wien\n"
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Elementarpädagog:in für Kindergartengruppe",
        "Kinderwelt",
        "Wien",
    )
    school = parse_posting(
        "Vacancies - Teaching Assistant (Level 3, SEND) - Brookfield Park Primary School\n\n"
        "Home | Parents | About Us | Vacancies | Contact\n\nSelect Language ▼\n\n"
        "Teaching Assistant (Level 3, SEND)\n\n"
        "Brookfield Park Primary School, Fosse Road North, Leicester LE3 5RT\n"
    )
    assert (school.title, school.company, school.location) == (
        "Teaching Assistant (Level 3, SEND)",
        "Brookfield Park Primary School",
        "Leicester",
    )


def test_a_jobs_page_names_its_company() -> None:
    ashby = parse_posting(
        "Jobs at Parcelwise\n\nSoftware Engineer, Full Stack\n"
        "Engineering · Remote (United States) · Full time\n"
    )
    assert (ashby.title, ashby.company) == ("Software Engineer, Full Stack", "Parcelwise")
    county = parse_posting("Tulare County Careers\nEligibility Worker I\n\nDescription\nText.\n")
    assert (county.title, county.company) == ("Eligibility Worker I", "Tulare County")


def test_an_all_caps_title_takes_the_casing_the_body_uses() -> None:
    parsed = parse_posting("SOUS CHEF\nLocation: Bath\n\nWe need a Sous Chef to run the pass.\n")
    assert parsed.title == "Sous Chef"


def test_requisition_asides_and_a_country_alone_are_not_title_or_city() -> None:
    parsed = parse_posting(
        "Senior Product Designer (Req #48213) - Remote\n"
        "Bluefin Commerce · United States (Remote)\n$140,000/yr - $165,000/yr · Full-time\n"
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Senior Product Designer",
        "Bluefin Commerce",
        None,
    )


def test_recruiter_subject_terms_before_the_role_go() -> None:
    parsed = parse_posting(
        "Subject: Part-time Bookkeeper needed - Austin\n\nHi Sam,\n\n"
        "I'm recruiting on behalf of Pecan Street Dental, a practice in Austin, TX.\n"
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Bookkeeper",
        "Pecan Street Dental",
        "Austin",
    )


def test_board_names_french_marks_and_district_numbers() -> None:
    linkedin = parse_posting(
        "Skip to main content\nLinkedIn\nHome\nPayroll Administrator\n"
        "Cinder & Sage Restaurants · Denver, CO · Reposted 2 weeks ago\n"
    )
    assert (linkedin.company, linkedin.location) == ("Cinder & Sage Restaurants", "Denver, CO")
    french = parse_posting(
        "Technicien de maintenance H/F\nGroupe Valmont - Lyon (69)\nCDI - Temps plein\n"
    )
    assert (french.title, french.company, french.location) == (
        "Technicien de maintenance",
        "Groupe Valmont",
        "Lyon",
    )
    dublin = parse_posting("Commis Chef\nLa Petite Maison - Dublin 2\n")
    assert (dublin.company, dublin.location) == ("La Petite Maison", "Dublin")


def test_recruiter_mail_title_before_at_and_a_qualified_role_in_prose() -> None:
    applied = parse_posting(
        "Subject: Your application - Software Engineer II at Fernway\n\nHi Lee,\n\n"
        "Thanks for applying! The role on our Payments team is remote within the US.\n"
    )
    assert (applied.title, applied.company, applied.location) == (
        "Software Engineer II",
        "Fernway",
        None,
    )
    pharmacist = parse_posting(
        "Subject: Pharmacist - independent chain - Cork\n\nHi Aoife,\n\n"
        "I'm recruiting a Supervising Pharmacist for Crann Pharmacy Group, who have 14 stores.\n"
    )
    assert (pharmacist.title, pharmacist.company, pharmacist.location) == (
        "Supervising Pharmacist",
        "Crann Pharmacy Group",
        "Cork",
    )


def test_recruiter_mail_in_german_and_a_sentence_ending_the_prose_title() -> None:
    german = parse_posting(
        "Subject: Lehrer (m/w/d) Mathematik - Privatschule in Stuttgart\n\n"
        "Sehr geehrte Frau Becker,\n\nim Auftrag unseres Kunden, der Lindenhof Privatschule "
        "gGmbH in Stuttgart, suchen wir eine Lehrkraft.\n"
    )
    assert (german.title, german.company, german.location) == (
        "Lehrer Mathematik",
        "Lindenhof Privatschule",
        "Stuttgart",
    )
    payroll = parse_posting(
        "Subject: Quick question - Payroll Manager role\n\nHi Dana,\n\nOne of our clients, a "
        "logistics business headquartered in Leeds, is looking for a Payroll Manager. The "
        "salary is good.\n"
    )
    assert (payroll.title, payroll.company, payroll.location) == ("Payroll Manager", None, "Leeds")


def test_a_district_goes_when_the_posting_names_its_city_alone() -> None:
    hamburg = parse_posting(
        "Pflegefachkraft (m/w/d)\nEinsatzort: Hamburg-Langenhorn, Klinikum Nord\n\n"
        f"Weitere Stellen: Praxisanleiter (m/w/d) {DASH} Hamburg\n"
    )
    assert hamburg.location == "Hamburg"
    assert parse_posting("Nurse\nLocation: Winston-Salem, NC\n").location == "Winston-Salem, NC"


def test_county_board_title_labels_city_label_and_a_city_employer() -> None:
    county = parse_posting(
        "COUNTY OF MARIPOSA\nClass Title: Equipment Mechanic II\n"
        "Location: Public Works Corporation Yard, 4639 Ben Hur Rd, Mariposa, CA\n"
    )
    assert (county.title, county.company, county.location) == (
        "Equipment Mechanic II",
        "COUNTY OF MARIPOSA",
        "Mariposa, CA",
    )
    dispatch = parse_posting(
        "Harlan County Government\nJob Posting: 911 Dispatcher\n"
        "Location: Harlan County Emergency Communications Center\nCity: Cumberland, KY\n"
    )
    assert (dispatch.title, dispatch.company, dispatch.location) == (
        "911 Dispatcher",
        "Harlan County Government",
        "Cumberland, KY",
    )
    city = parse_posting(
        "City of Brookhaven\nPosition Title: Water Plant Operator I\n"
        "Work Location: Brookhaven Water Treatment Plant\n"
    )
    assert (city.title, city.company, city.location) == (
        "Water Plant Operator I",
        "City of Brookhaven",
        "Brookhaven",
    )
    welcome = parse_posting(
        "Welcome to Oakmont Health Careers\nSearch for Jobs\nRespiratory Therapist\n"
    )
    assert welcome.company == "Oakmont Health"


def test_a_clinic_label_an_about_header_and_a_hiring_line_name_the_employer() -> None:
    clinic = parse_posting("Job: Veterinary Receptionist\nClinic: Maple Paws Animal Hospital\n")
    assert clinic.company == "Maple Paws Animal Hospital"
    about = parse_posting(
        "Store Manager\nLocation: Leeds\n\nAbout Fernhill Garden Centres\n"
        "Fernhill is a family-run chain of garden centres.\n"
    )
    assert about.company == "Fernhill Garden Centres"
    hiring = parse_posting(
        "Senior Software Engineer, Payments\nRemote - Europe\nTrove is hiring!\n"
    )
    assert hiring.company == "Trove"


def test_terse_announcements_labels_and_areas() -> None:
    hiring = parse_posting(
        f"HIRING {DASH} CNC MACHINIST (2ND SHIFT)\nApex Precision {DASH} Wichita KS\n"
    )
    assert (hiring.title, hiring.company, hiring.location) == (
        "CNC MACHINIST",
        "Apex Precision",
        "Wichita",
    )
    roofer = parse_posting(
        "Looking for: Experienced Roofer\nCompany: Summit Roofing Co\nArea: Denver metro\n"
    )
    assert (roofer.title, roofer.location) == ("Experienced Roofer", "Denver")
    firm = parse_posting("Role: Junior Accountant\nFirm: Patel & Rao Chartered Accountants\n")
    assert firm.company == "Patel & Rao Chartered Accountants"


def test_recruiter_subject_leads_role_in_a_city_and_a_place_that_is_no_client() -> None:
    toronto = parse_posting(
        "Subject: Java Developer role in Toronto (contract, $80-90/hr)\n\nHi Raj,\n\n"
        "One of our banking clients in downtown Toronto is looking for a Java Developer.\n"
    )
    assert (toronto.title, toronto.company, toronto.location) == (
        "Java Developer",
        None,
        "Toronto",
    )
    lead = parse_posting(
        "Subject: Opportunity: Warehouse Team Lead @ Crestline Distribution\n\nHello Tony,\n\n"
        "We have a great opportunity for an RN Case Manager with Lakeside Home Health.\n"
    )
    assert (lead.title, lead.company) == ("Warehouse Team Lead", "Lakeside Home Health")


def test_linkedin_work_modes_in_german_and_french_are_asides() -> None:
    german = parse_posting(
        "Sachbearbeiter Buchhaltung (m/w/d)\n"
        "Brenner Logistik GmbH · Nürnberg, Bayern, Deutschland (Vor Ort)\n"
    )
    french = parse_posting(
        "Infirmier de bloc opératoire\n"
        "Clinique Saint-Roch · Montpellier, Occitanie, France (Sur site)\n"
    )
    assert (german.location or "").startswith("Nürnberg")
    assert (french.location or "").startswith("Montpellier")


def test_a_sentence_opening_with_a_common_noun_names_no_employer() -> None:
    parsed = parse_posting(
        "Line Cook\n\nPosition requires two years of experience on a busy line.\n"
    )
    assert parsed.company is None


def test_a_skill_after_with_is_no_client() -> None:
    skill = parse_posting(
        "Subject: Frontend Developer - London\n\nHi Sam,\n\n"
        "I have an opening for a developer with React experience at a fintech.\n"
    )
    client = parse_posting(
        "Subject: Frontend Developer - London\n\nHi Sam,\n\n"
        "I have an opening for a Frontend Developer with Monzo in London.\n"
    )
    assert (skill.company, client.company) == (None, "Monzo")


def test_a_logo_caption_names_the_company_and_a_state_written_out_is_a_region() -> None:
    parsed = parse_posting(
        "Logo for Halcyon Bio\nResearch Associate II, Assay Development\n"
        "South San Francisco, California\nApply for this job\n"
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Research Associate II, Assay Development",
        "Halcyon Bio",
        "South San Francisco, California",
    )


def test_singapore_is_a_city_as_well_as_a_country() -> None:
    parsed = parse_posting("Logistics Executive\nStraits Freight Pte Ltd\nSingapore\n")
    assert parsed.location == "Singapore"


def test_terse_headline_town_before_the_pay_and_a_need_label() -> None:
    carpenter = parse_posting("Carpenter (1st/2nd fix) - Bristol - £220/day CIS\n")
    assert (carpenter.title, carpenter.company, carpenter.location) == (
        "Carpenter (1st/2nd fix)",
        None,
        "Bristol",
    )
    forklift = parse_posting("Need: Forklift driver\nWarehouse in Fontana CA\n$20/hr\n")
    assert (forklift.title, forklift.company, forklift.location) == (
        "Forklift driver",
        None,
        "Fontana",
    )
    hn = parse_posting(
        "Kestrel Sensing | Embedded Firmware Engineer | Munich, Germany (ONSITE) | €75k\n"
    )
    assert (hn.company, hn.location) == ("Kestrel Sensing", "Munich, Germany")


def test_a_recruiters_signature_is_not_the_job_and_a_country_is_no_city() -> None:
    remote = parse_posting(
        "Subject: Remote Python Developer - fully remote (UK)\n\nHi Tom,\n\n"
        "My client, a healthtech scale-up, is hiring a Python Developer to work fully remote "
        "from anywhere in the UK. Salary £70-80k.\n\nThanks,\nGemma Hart\n"
        "Recruitment Consultant, Northwave Tech Recruitment\n"
        "Office: 3 Park Row, Leeds LS1 5HN | Tel 0113 555 0100\n"
    )
    assert (remote.title, remote.company, remote.location) == ("Python Developer", None, None)
    nights = parse_posting(
        "Subject: Night Shift Security Officer\n\nHi Dev,\n\n"
        "We're recruiting a Security Officer for a corporate site. Nights, 4 on 4 off.\n\n"
        "Regards,\nSam at Guardline Staffing Ltd, based in Birmingham\n"
    )
    assert (nights.title, nights.location) == ("Security Officer", None)


def test_a_board_rating_after_the_company_is_furniture() -> None:
    glassdoor = parse_posting("Harbor Goods Co. 3.9 ★\nRetail Sales Lead\nBoston, MA\n")
    assert (glassdoor.title, glassdoor.company) == ("Retail Sales Lead", "Harbor Goods Co.")
    dashed = parse_posting("Dispatcher\nSwiftline Couriers - 4.2\nNewark, NJ\n")
    assert (dashed.company, dashed.location) == ("Swiftline Couriers", "Newark, NJ")
    category = strip_furniture("Nurse\nAcme\nBoston, MA\nWork/Life Balance 3.8 ★\n")
    assert "Work/Life" not in category.body


def test_spanish_and_dutch_linkedin_places_with_their_work_modes() -> None:
    spanish = parse_posting(
        "Desarrollador Backend (Java)\n"
        "Grupo Lumen · Madrid, Comunidad de Madrid, España (Híbrido)\n"
    )
    dutch = parse_posting(
        "Verpleegkundige IC\n"
        "Ziekenhuis Oostland · Rotterdam, Zuid-Holland, Nederland (Op locatie)\n"
    )
    assert (spanish.company, (spanish.location or "").split(",")[0]) == ("Grupo Lumen", "Madrid")
    assert (dutch.company, (dutch.location or "").split(",")[0]) == (
        "Ziekenhuis Oostland",
        "Rotterdam",
    )


def test_careers_page_title_names_a_role_or_a_company() -> None:
    role = parse_posting(
        "Careers - Bakery Supervisor\n\nHome\n\nBakery Supervisor\n\nJoin our team.\n"
    )
    company = parse_posting("Careers | Acme Health\n\nRegistered Nurse\nDenver, CO\n")
    assert (role.title, role.company) == ("Bakery Supervisor", None)
    assert (company.title, company.company) == ("Registered Nurse", "Acme Health")


def test_a_county_location_takes_the_town_of_a_street_address() -> None:
    parsed = parse_posting(
        "Tulare County\nEligibility Worker I\nLocation: Tulare County, CA\n\n"
        "Report to: Health & Human Services, 2200 W. Main St., Visalia, CA 93291\n"
    )
    assert parsed.location == "Visalia"


def test_a_very_long_subject_line_is_read_to_its_first_parts() -> None:
    # Each subject part is looked up in the body: an over-long subject is read to 8 parts.
    parts = email_shape.subject_parts([("subject", " - ".join(f"Part{n}" for n in range(50)))])
    assert parts == [f"Part{n}" for n in range(8)]
