//! Fictional place and organisation names for the generated datasets. Places are
//! made from two syllable banks (22 × 13 = 286 distinct names), so a national run has
//! enough towns for 45 regions of three or four areas each without real places.

use osa_core::tenancy::Sector;
use rand::Rng;
use rand::seq::IndexedRandom;

const FIRST: &[&str] = &[
    "Ash", "Brack", "Cal", "Dun", "Elm", "Fen", "Gore", "Hal", "Ive", "Kes", "Lang", "Mar", "Nor", "Oak",
    "Pen", "Quen", "Rav", "Sel", "Thorn", "Ux", "Wex", "Yarn",
];
const SECOND: &[&str] =
    &["ford", "ley", "bury", "ton", "wick", "field", "mouth", "ham", "by", "stead", "worth", "combe", "dale"];

/// The `n`th place name (distinct for every `n` below 286), in a scattered order so
/// neighbouring regions do not all start with the same syllable.
pub fn place(n: usize) -> String {
    let total = FIRST.len() * SECOND.len();
    // 97 is prime to 286, so this visits every name once before repeating.
    let k = (n * 97) % total;
    format!("{}{}", FIRST[k % FIRST.len()], SECOND[k / FIRST.len()])
}

pub fn places_available() -> usize {
    FIRST.len() * SECOND.len()
}

const STREETS: &[&str] = &[
    "Church Lane",
    "Mill Road",
    "Station Road",
    "Park View",
    "Orchard Way",
    "Meadow Bank",
    "Castle Hill",
    "Brook Street",
    "Victoria Road",
    "Riverside",
    "Green Lane",
    "High Street",
    "Windmill Hill",
    "Abbey Road",
];
const SAINTS: &[&str] = &["Mary", "John", "Peter", "Anne", "Michael", "Margaret", "Luke", "Hilda", "Aidan"];
const CHARITY: &[&str] = &[
    "Families First",
    "Open Door",
    "Young Voices",
    "Safe Harbour",
    "Bridge Project",
    "New Horizons",
    "Stepping Stones",
    "Lighthouse Trust",
    "Community Kitchen",
    "Carers' Circle",
    "Homeward",
    "Fresh Start",
];
const SPORT: &[&str] = &[
    "Football Club",
    "Swimming Club",
    "Rugby Club",
    "Gymnastics Academy",
    "Athletics Club",
    "Boxing Club",
    "Cricket Club",
    "Netball League",
    "Judo Club",
    "Rowing Club",
];
const FAITH: &[&str] = &[
    "Parish Church",
    "Methodist Church",
    "Baptist Church",
    "Mosque",
    "Gurdwara",
    "Synagogue",
    "Pentecostal Fellowship",
    "Quaker Meeting",
];
const CARE: &[&str] = &[
    "Care Home",
    "Home Care Services",
    "Supported Living",
    "Day Centre",
    "Extra Care Housing",
    "Nursing Home",
];

/// A believable name for an organisation of `sector` in `town`, picked with `rng`.
pub fn organisation(sector: Sector, town: &str, adults: bool, rng: &mut impl Rng) -> String {
    let street = STREETS.choose(rng).copied().unwrap_or("High Street");
    let saint = SAINTS.choose(rng).copied().unwrap_or("Mary");
    let pick = |bank: &[&str], rng: &mut _| bank.choose(rng).copied().unwrap_or("Services").to_owned();
    match sector {
        Sector::Education => match rng.random_range(0..5) {
            0 => format!("{town} {} Primary School", street.split(' ').next().unwrap_or("Park")),
            1 => format!("St {saint}'s Church of England Primary School, {town}"),
            2 => format!("{town} Academy"),
            3 => format!("{town} {} Secondary School", street.split(' ').next().unwrap_or("Park")),
            _ => format!("{town} College of Further Education"),
        },
        Sector::EarlyYears => match rng.random_range(0..3) {
            0 => format!("{town} {street} Nursery"),
            1 => format!("Little Acorns Pre-school, {town}"),
            _ => format!("{town} Childminding Network"),
        },
        Sector::Health => match rng.random_range(0..4) {
            0 => format!("{town} {street} Surgery"),
            1 => format!("{town} Community Pharmacy"),
            2 => format!("{town} Dental Practice"),
            _ => format!("{town} Hospice"),
        },
        Sector::VoluntaryAndCommunity => format!("{town} {}", pick(CHARITY, rng)),
        Sector::SportAndLeisure => format!("{town} {}", pick(SPORT, rng)),
        Sector::Faith => format!("{town} {}", pick(FAITH, rng)),
        Sector::Housing => match rng.random_range(0..2) {
            0 => format!("{town} Homes"),
            _ => format!("{town} {street} Housing Association"),
        },
        Sector::Other if adults => format!("{town} {street} {}", pick(CARE, rng)),
        Sector::Other => format!("{town} {street} Taxi and Private Hire"),
        Sector::LocalAuthority => format!("{town} Town Council"),
        Sector::Police => format!("{town} Police"),
        Sector::Probation => format!("{town} Probation Delivery Unit"),
        Sector::YouthJustice => format!("{town} Youth Justice Service"),
        Sector::FireAndRescue => format!("{town} Fire and Rescue Service"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn places_are_distinct_up_to_the_bank_size() {
        let names: std::collections::HashSet<String> = (0..places_available()).map(place).collect();
        assert_eq!(names.len(), places_available());
    }

    #[test]
    fn organisation_names_name_their_town() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for sector in Sector::ALL {
            let name = organisation(*sector, "Kesford", false, &mut rng);
            assert!(name.contains("Kesford"), "{name}");
        }
    }
}
