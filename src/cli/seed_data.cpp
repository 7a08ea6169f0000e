#include "cli/seed_data.hpp"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>

namespace capi::cli::seed_data {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// ---------------------------------------------------------------------------------------
// Randomness: splitmix64 streams derived from the seed, one per row and per purpose.

class Rng {
 public:
  explicit Rng(std::uint64_t state) : state_(state) {}
  std::uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return mix64(state_);
  }
  // Uniform in [0, n) (the modulo bias of a 64-bit draw is negligible here).
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
  std::int64_t between(std::int64_t low, std::int64_t high) {  // inclusive
    return low + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(high - low + 1)));
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }

 private:
  std::uint64_t state_;
};

std::uint64_t hash_text(std::string_view text) {  // FNV-1a
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char ch : text) {
    hash ^= static_cast<unsigned char>(ch);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::int64_t pow10(int digits) {
  std::int64_t value = 1;
  for (int i = 0; i < digits; ++i) value *= 10;
  return value;
}

std::string zero_padded(std::int64_t value, int digits) {
  std::string text = std::to_string(value);
  if (static_cast<int>(text.size()) < digits) text.insert(0, digits - text.size(), '0');
  return text;
}

std::string capitalised(std::string_view ascii) {
  std::string text(ascii);
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 32);
  return text;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string slug(std::string_view ascii_words) {
  std::string text;
  for (const char ch : ascii_words) {
    if (ch >= 'A' && ch <= 'Z') {
      text += static_cast<char>(ch + 32);
    } else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      text += ch;
    } else if (ch == ' ' && !text.empty() && text.back() != '-') {
      text += '-';
    }
  }
  return text;
}

// ---------------------------------------------------------------------------------------
// Names, by culture. `ascii` is the form used in email addresses and Latin spellings.

struct Name {
  const char* display;
  const char* ascii;
  bool female = false;
};

struct CompanyTemplate {
  const char* display;  // {L} the family name as shown
  const char* slug;     // {l} its ASCII form
};

struct Culture {
  const char* key;
  int weight;
  bool family_first;       // written family name first, without a space (CJK)
  bool feminine_surnames;  // Cyrillic: -ов/-ев/-ин take -а for women
  double latin_share;      // non-Latin scripts: share who write their name in Latin letters
  const char* language;    // metadata preferredLanguage
  std::vector<Name> first;
  std::vector<Name> last;
  std::vector<const char*> countries;
  std::vector<const char*> mail_domains;   // repeated entries weigh more
  std::vector<CompanyTemplate> companies;  // native forms; empty: the Latin forms
};

const std::vector<Culture>& cultures() {
  static const std::vector<Culture> all = {
      {"east_africa",
       10,
       false,
       false,
       0.0,
       "sw",
       {{"Wanjiru", "wanjiru", true}, {"Akinyi", "akinyi", true},
        {"Njeri", "njeri", true},     {"Achieng", "achieng", true},
        {"Wambui", "wambui", true},   {"Chebet", "chebet", true},
        {"Jeptoo", "jeptoo", true},   {"Baraka", "baraka"},
        {"Neema", "neema", true},     {"Amani", "amani"},
        {"Zawadi", "zawadi", true},   {"Juma", "juma"},
        {"Halima", "halima", true},   {"Faraja", "faraja"},
        {"Imani", "imani", true},     {"Nekesa", "nekesa", true},
        {"Mumbua", "mumbua", true},   {"Kioko", "kioko"},
        {"Wairimu", "wairimu", true}, {"Nyambura", "nyambura", true},
        {"Atieno", "atieno", true},   {"Muthoni", "muthoni", true},
        {"Nakato", "nakato", true},   {"Mugisha", "mugisha"},
        {"Rehema", "rehema", true},   {"Musa", "musa"},
        {"Brian", "brian"},           {"Faith", "faith", true},
        {"Kevin", "kevin"},           {"Mercy", "mercy", true},
        {"Dennis", "dennis"},         {"Esther", "esther", true},
        {"Collins", "collins"}},
       {{"Kamau", "kamau"},         {"Otieno", "otieno"},     {"Mwangi", "mwangi"},
        {"Odhiambo", "odhiambo"},   {"Kiprono", "kiprono"},   {"Wekesa", "wekesa"},
        {"Mutua", "mutua"},         {"Kipchoge", "kipchoge"}, {"Ouma", "ouma"},
        {"Njoroge", "njoroge"},     {"Wafula", "wafula"},     {"Tumusiime", "tumusiime"},
        {"Ochieng", "ochieng"},     {"Kariuki", "kariuki"},   {"Omondi", "omondi"},
        {"Kimani", "kimani"},       {"Maina", "maina"},       {"Waweru", "waweru"},
        {"Onyango", "onyango"},     {"Chege", "chege"},       {"Ndungu", "ndungu"},
        {"Karanja", "karanja"},     {"Rotich", "rotich"},     {"Koech", "koech"},
        {"Cheruiyot", "cheruiyot"}, {"Barasa", "barasa"},     {"Simiyu", "simiyu"},
        {"Mollel", "mollel"},       {"Massawe", "massawe"},   {"Okello", "okello"},
        {"Ssempala", "ssempala"},   {"Mushi", "mushi"}},
       {"KE", "UG", "TZ"},
       {"gmail.com", "gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com",
        "hotmail.com"},
       {}},
      {"west_africa",
       8,
       false,
       false,
       0.0,
       "en",
       {{"Chinedu", "chinedu"},
        {"Ngozi", "ngozi", true},
        {"Emeka", "emeka"},
        {"Adaeze", "adaeze", true},
        {"Oluwaseun", "oluwaseun"},
        {"Funmilayo", "funmilayo", true},
        {"Tunde", "tunde"},
        {"Yetunde", "yetunde", true},
        {"Ifeoma", "ifeoma", true},
        {"Chukwuma", "chukwuma"},
        {"Aisha", "aisha", true},
        {"Abdullahi", "abdullahi"},
        {"Kwame", "kwame"},
        {"Kofi", "kofi"},
        {"Ama", "ama", true},
        {"Akosua", "akosua", true},
        {"Yaw", "yaw"},
        {"Efua", "efua", true},
        {"Kwabena", "kwabena"},
        {"Abena", "abena", true},
        {"Obinna", "obinna"},
        {"Chiamaka", "chiamaka", true},
        {"Babajide", "babajide"},
        {"Temitope", "temitope", true},
        {"Segun", "segun"},
        {"Bukola", "bukola", true},
        {"Nnamdi", "nnamdi"},
        {"Zainab", "zainab", true}},
       {{"Okafor", "okafor"},     {"Adeyemi", "adeyemi"},   {"Okonkwo", "okonkwo"},
        {"Balogun", "balogun"},   {"Eze", "eze"},           {"Nwosu", "nwosu"},
        {"Adebayo", "adebayo"},   {"Ogunleye", "ogunleye"}, {"Bello", "bello"},
        {"Abubakar", "abubakar"}, {"Mensah", "mensah"},     {"Owusu", "owusu"},
        {"Boateng", "boateng"},   {"Asante", "asante"},     {"Appiah", "appiah"},
        {"Osei", "osei"},         {"Agyeman", "agyeman"},   {"Danso", "danso"},
        {"Oduro", "oduro"},       {"Olawale", "olawale"},   {"Afolabi", "afolabi"},
        {"Chukwu", "chukwu"},     {"Ibekwe", "ibekwe"},     {"Lawal", "lawal"},
        {"Danjuma", "danjuma"},   {"Quaye", "quaye"}},
       {"NG", "GH"},
       {"gmail.com", "gmail.com", "gmail.com", "gmail.com", "yahoo.com", "yahoo.com",
        "outlook.com"},
       {}},
      {"southern_africa",
       5,
       false,
       false,
       0.0,
       "zu",
       {{"Thabo", "thabo"},       {"Zanele", "zanele", true},
        {"Sipho", "sipho"},       {"Nomvula", "nomvula", true},
        {"Lwazi", "lwazi"},       {"Thandiwe", "thandiwe", true},
        {"Bongani", "bongani"},   {"Lerato", "lerato", true},
        {"Mandla", "mandla"},     {"Ayanda", "ayanda", true},
        {"Sibusiso", "sibusiso"}, {"Palesa", "palesa", true},
        {"Kagiso", "kagiso"},     {"Naledi", "naledi", true},
        {"Tshepo", "tshepo"},     {"Refilwe", "refilwe", true},
        {"Themba", "themba"},     {"Nokuthula", "nokuthula", true},
        {"Pieter", "pieter"},     {"Annelie", "annelie", true},
        {"Johan", "johan"},       {"Marike", "marike", true}},
       {{"Dlamini", "dlamini"},     {"Nkosi", "nkosi"},
        {"Ndlovu", "ndlovu"},       {"Khumalo", "khumalo"},
        {"Mokoena", "mokoena"},     {"Mahlangu", "mahlangu"},
        {"Zulu", "zulu"},           {"Mthembu", "mthembu"},
        {"Sithole", "sithole"},     {"Molefe", "molefe"},
        {"Radebe", "radebe"},       {"Cele", "cele"},
        {"Botha", "botha"},         {"van der Merwe", "vandermerwe"},
        {"Pretorius", "pretorius"}, {"Naidoo", "naidoo"},
        {"Pillay", "pillay"},       {"Govender", "govender"},
        {"Venter", "venter"},       {"Coetzee", "coetzee"}},
       {"ZA"},
       {"gmail.com", "gmail.com", "gmail.com", "outlook.com", "webmail.co.za", "icloud.com"},
       {}},
      {"anglo",
       14,
       false,
       false,
       0.0,
       "en",
       {{"James", "james"},
        {"Olivia", "olivia", true},
        {"Michael", "michael"},
        {"Emma", "emma", true},
        {"William", "william"},
        {"Sophia", "sophia", true},
        {"Daniel", "daniel"},
        {"Charlotte", "charlotte", true},
        {"Matthew", "matthew"},
        {"Amelia", "amelia", true},
        {"Joseph", "joseph"},
        {"Harper", "harper", true},
        {"David", "david"},
        {"Evelyn", "evelyn", true},
        {"Christopher", "christopher"},
        {"Abigail", "abigail", true},
        {"Andrew", "andrew"},
        {"Emily", "emily", true},
        {"Joshua", "joshua"},
        {"Elizabeth", "elizabeth", true},
        {"Ryan", "ryan"},
        {"Madison", "madison", true},
        {"Thomas", "thomas"},
        {"Grace", "grace", true},
        {"Jack", "jack"},
        {"Chloe", "chloe", true},
        {"Oliver", "oliver"},
        {"Lily", "lily", true},
        {"Harry", "harry"},
        {"Isla", "isla", true}},
       {{"Smith", "smith"},    {"Johnson", "johnson"}, {"Williams", "williams"},
        {"Brown", "brown"},    {"Jones", "jones"},     {"Miller", "miller"},
        {"Davis", "davis"},    {"Wilson", "wilson"},   {"Anderson", "anderson"},
        {"Taylor", "taylor"},  {"Thomas", "thomas"},   {"Moore", "moore"},
        {"Martin", "martin"},  {"Jackson", "jackson"}, {"Thompson", "thompson"},
        {"White", "white"},    {"Harris", "harris"},   {"Clark", "clark"},
        {"Lewis", "lewis"},    {"Walker", "walker"},   {"Hall", "hall"},
        {"Allen", "allen"},    {"Young", "young"},     {"King", "king"},
        {"Wright", "wright"},  {"Scott", "scott"},     {"Green", "green"},
        {"Baker", "baker"},    {"Adams", "adams"},     {"Campbell", "campbell"},
        {"O'Brien", "obrien"}, {"Murphy", "murphy"}},
       {"US", "GB"},
       {"gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "icloud.com",
        "hotmail.co.uk", "aol.com"},
       {}},
      {"latin_accents",
       16,
       false,
       false,
       0.0,
       "fr",
       {{"José", "jose"},           {"María", "maria", true},   {"François", "francois"},
        {"Zoë", "zoe", true},       {"Søren", "soren"},         {"Jürgen", "jurgen"},
        {"Łukasz", "lukasz"},       {"Renée", "renee", true},   {"Chloé", "chloe", true},
        {"Inês", "ines", true},     {"João", "joao"},           {"Gonçalo", "goncalo"},
        {"Bjørn", "bjorn"},         {"Åsa", "asa", true},       {"Małgorzata", "malgorzata", true},
        {"Zoltán", "zoltan"},       {"Ángel", "angel"},         {"Lucía", "lucia", true},
        {"Sébastien", "sebastien"}, {"Hélène", "helene", true}, {"Mathéo", "matheo"},
        {"Jörg", "jorg"},           {"Ümit", "umit"},           {"Çağla", "cagla", true},
        {"Stéphane", "stephane"},   {"Sofía", "sofia", true},   {"Andrés", "andres"},
        {"Agnès", "agnes", true},   {"Maëlle", "maelle", true}, {"Tomás", "tomas"},
        {"Raphaël", "raphael"},     {"Léa", "lea", true}},
       {{"García", "garcia"},       {"Müller", "muller"},       {"Martínez", "martinez"},
        {"Gonçalves", "goncalves"}, {"Dubois", "dubois"},       {"Lefèvre", "lefevre"},
        {"Schröder", "schroder"},   {"Kowalski", "kowalski"},   {"Wójcik", "wojcik"},
        {"Nørgaard", "norgaard"},   {"Håkansson", "hakansson"}, {"Fernández", "fernandez"},
        {"Rodríguez", "rodriguez"}, {"López", "lopez"},         {"Pérez", "perez"},
        {"Sánchez", "sanchez"},     {"Gómez", "gomez"},         {"Jiménez", "jimenez"},
        {"Gauthier", "gauthier"},   {"Girard", "girard"},       {"Weiß", "weiss"},
        {"Köhler", "kohler"},       {"Öztürk", "ozturk"},       {"Yılmaz", "yilmaz"},
        {"Çelik", "celik"},         {"Şahin", "sahin"},         {"Araújo", "araujo"},
        {"Magalhães", "magalhaes"}, {"Lindström", "lindstrom"}, {"Nowak", "nowak"},
        {"Dvořák", "dvorak"},       {"Ibáñez", "ibanez"}},
       {"FR", "ES", "DE", "BR", "PL", "SE", "TR"},
       {"gmail.com", "gmail.com", "gmx.de", "web.de", "orange.fr", "free.fr", "wp.pl", "uol.com.br",
        "hotmail.es", "outlook.com"},
       {}},
      {"cyrillic",
       9,
       false,
       true,
       0.2,
       "ru",
       {{"Дмитрий", "dmitry"},    {"Ольга", "olga", true},
        {"Сергей", "sergey"},     {"Наталья", "natalya", true},
        {"Алексей", "aleksey"},   {"Екатерина", "ekaterina", true},
        {"Андрей", "andrey"},     {"Татьяна", "tatyana", true},
        {"Иван", "ivan"},         {"Анастасия", "anastasia", true},
        {"Михаил", "mikhail"},    {"Мария", "maria", true},
        {"Николай", "nikolay"},   {"Елена", "elena", true},
        {"Владимир", "vladimir"}, {"Юлия", "yulia", true},
        {"Павел", "pavel"},       {"Ирина", "irina", true},
        {"Артём", "artem"},       {"Светлана", "svetlana", true},
        {"Олег", "oleg"},         {"Ксения", "ksenia", true},
        {"Григорий", "grigory"},  {"Людмила", "lyudmila", true},
        {"Богдан", "bogdan"},     {"Оксана", "oksana", true},
        {"Тарас", "taras"},       {"Галина", "galina", true}},
       {{"Иванов", "ivanov"},       {"Смирнов", "smirnov"},     {"Кузнецов", "kuznetsov"},
        {"Попов", "popov"},         {"Соколов", "sokolov"},     {"Лебедев", "lebedev"},
        {"Козлов", "kozlov"},       {"Новиков", "novikov"},     {"Морозов", "morozov"},
        {"Петров", "petrov"},       {"Волков", "volkov"},       {"Соловьёв", "solovyov"},
        {"Васильев", "vasilyev"},   {"Зайцев", "zaitsev"},      {"Павлов", "pavlov"},
        {"Семёнов", "semyonov"},    {"Голубев", "golubev"},     {"Виноградов", "vinogradov"},
        {"Богданов", "bogdanov"},   {"Воробьёв", "vorobyov"},   {"Фёдоров", "fedorov"},
        {"Михайлов", "mikhailov"},  {"Беляев", "belyaev"},      {"Тарасов", "tarasov"},
        {"Шевченко", "shevchenko"}, {"Коваленко", "kovalenko"}, {"Бондаренко", "bondarenko"},
        {"Ткаченко", "tkachenko"},  {"Пушкин", "pushkin"},      {"Калинин", "kalinin"}},
       {"RU", "UA"},
       {"mail.ru", "mail.ru", "yandex.ru", "yandex.ru", "gmail.com", "ukr.net", "rambler.ru"},
       {{"ООО «{L}»", "{l}"},
        {"ООО «{L} и партнёры»", "{l}-partners"},
        {"ИП {L}", "ip-{l}"},
        {"ООО «{L} Трейд»", "{l}-trade"},
        {"АО «{L} Групп»", "{l}-group"}}},
      {"greek",
       5,
       false,
       false,
       0.2,
       "el",
       {{"Ελένη", "eleni", true},
        {"Γιώργος", "giorgos"},
        {"Μαρία", "maria", true},
        {"Δημήτρης", "dimitris"},
        {"Κωνσταντίνος", "konstantinos"},
        {"Αικατερίνη", "aikaterini", true},
        {"Νίκος", "nikos"},
        {"Σοφία", "sofia", true},
        {"Γιάννης", "giannis"},
        {"Αναστασία", "anastasia", true},
        {"Παναγιώτης", "panagiotis"},
        {"Δέσποινα", "despoina", true},
        {"Χρήστος", "christos"},
        {"Ιωάννα", "ioanna", true},
        {"Βασίλης", "vasilis"},
        {"Αθηνά", "athina", true},
        {"Σταύρος", "stavros"},
        {"Ευαγγελία", "evangelia", true},
        {"Θανάσης", "thanasis"},
        {"Φωτεινή", "foteini", true}},
       {{"Παπαδόπουλος", "papadopoulos"},
        {"Παπαδάκης", "papadakis"},
        {"Γεωργίου", "georgiou"},
        {"Οικονόμου", "oikonomou"},
        {"Νικολάου", "nikolaou"},
        {"Κωνσταντίνου", "konstantinou"},
        {"Ιωάννου", "ioannou"},
        {"Δημητρίου", "dimitriou"},
        {"Παπαγεωργίου", "papageorgiou"},
        {"Αθανασίου", "athanasiou"},
        {"Βασιλείου", "vasileiou"},
        {"Σταυρόπουλος", "stavropoulos"},
        {"Μακρής", "makris"},
        {"Αλεξίου", "alexiou"},
        {"Καραγιάννης", "karagiannis"},
        {"Σταματόπουλος", "stamatopoulos"},
        {"Αντωνίου", "antoniou"},
        {"Πετρίδης", "petridis"},
        {"Λαμπράκης", "lamprakis"},
        {"Ζαχαρίου", "zachariou"}},
       {"GR", "CY"},
       {"gmail.com", "gmail.com", "yahoo.gr", "otenet.gr", "hotmail.com"},
       {{"{L} Α.Ε.", "{l}"}, {"{L} & ΣΙΑ Ο.Ε.", "{l}-sia"}, {"Εμπορική {L}", "emporiki-{l}"}}},
      {"arabic",
       9,
       false,
       false,
       0.3,
       "ar",
       {{"محمد", "mohamed"},       {"أحمد", "ahmed"},
        {"فاطمة", "fatima", true}, {"علي", "ali"},
        {"مريم", "mariam", true},  {"يوسف", "youssef"},
        {"عائشة", "aisha", true},  {"خالد", "khaled"},
        {"نور", "nour", true},     {"عمر", "omar"},
        {"ليلى", "layla", true},   {"حسن", "hassan"},
        {"سارة", "sara", true},    {"إبراهيم", "ibrahim"},
        {"زينب", "zainab", true},  {"مصطفى", "mostafa"},
        {"هدى", "huda", true},     {"طارق", "tarek"},
        {"رانيا", "rania", true},  {"كريم", "karim"},
        {"سلمى", "salma", true},   {"ياسمين", "yasmin", true},
        {"عبدالله", "abdullah"},   {"منى", "mona", true}},
       {{"العلي", "alali"},        {"حسن", "hassan"},         {"إبراهيم", "ibrahim"},
        {"المصري", "almasri"},     {"الحسيني", "alhusseini"}, {"عبدالرحمن", "abdelrahman"},
        {"الشامي", "alshami"},     {"منصور", "mansour"},      {"سالم", "salem"},
        {"الخطيب", "alkhatib"},    {"حداد", "haddad"},        {"الزهراني", "alzahrani"},
        {"القحطاني", "alqahtani"}, {"الهاشمي", "alhashimi"},  {"عثمان", "osman"},
        {"فاروق", "farouk"},       {"النجار", "alnajjar"},    {"السيد", "elsayed"},
        {"بن علي", "benali"},      {"الأنصاري", "alansari"}},
       {"EG", "AE", "SA"},
       {"gmail.com", "gmail.com", "hotmail.com", "hotmail.com", "yahoo.com", "outlook.com"},
       {{"شركة {L} للتجارة", "{l}-trading"},
        {"مؤسسة {L}", "{l}-est"},
        {"مجموعة {L}", "{l}-group"}}},
      {"devanagari",
       10,
       false,
       false,
       0.5,
       "hi",
       {{"अनिल", "anil"},         {"प्रिया", "priya", true},    {"राहुल", "rahul"},
        {"अंजलि", "anjali", true}, {"विजय", "vijay"},           {"सुनीता", "sunita", true},
        {"अमित", "amit"},         {"पूजा", "pooja", true},      {"राजेश", "rajesh"},
        {"नेहा", "neha", true},    {"संजय", "sanjay"},           {"कविता", "kavita", true},
        {"आदित्य", "aditya"},      {"दीपिका", "deepika", true}, {"मनोज", "manoj"},
        {"स्नेहा", "sneha", true},  {"अर्जुन", "arjun"},           {"रीना", "reena", true},
        {"सुरेश", "suresh"},        {"लक्ष्मी", "lakshmi", true},  {"विकास", "vikas"},
        {"आरती", "aarti", true},  {"रोहित", "rohit"},          {"मीना", "meena", true}},
       {{"शर्मा", "sharma"},    {"वर्मा", "verma"},    {"गुप्ता", "gupta"},
        {"सिंह", "singh"},      {"कुमार", "kumar"},    {"पटेल", "patel"},
        {"जोशी", "joshi"},     {"मिश्रा", "mishra"},  {"यादव", "yadav"},
        {"अग्रवाल", "agarwal"}, {"चौहान", "chauhan"}, {"श्रीवास्तव", "srivastava"},
        {"पांडे", "pandey"},     {"मेहता", "mehta"},    {"त्रिपाठी", "tripathi"},
        {"दुबे", "dubey"},       {"राव", "rao"},       {"नायर", "nair"},
        {"रेड्डी", "reddy"},     {"कपूर", "kapoor"},    {"मल्होत्रा", "malhotra"},
        {"बंसल", "bansal"},     {"ठाकुर", "thakur"},   {"शुक्ला", "shukla"}},
       {"IN"},
       {"gmail.com", "gmail.com", "gmail.com", "rediffmail.com", "yahoo.co.in", "outlook.com"},
       {{"{L} ट्रेडर्स", "{l}-traders"},
        {"{L} एंटरप्राइजेज", "{l}-enterprises"},
        {"{L} इंडस्ट्रीज", "{l}-industries"}}},
      {"chinese",
       7,
       true,
       false,
       0.15,
       "zh",
       {{"伟", "wei"},
        {"芳", "fang", true},
        {"娜", "na", true},
        {"秀英", "xiuying", true},
        {"敏", "min", true},
        {"静", "jing", true},
        {"丽", "li", true},
        {"强", "qiang"},
        {"磊", "lei"},
        {"军", "jun"},
        {"洋", "yang"},
        {"勇", "yong"},
        {"艳", "yan", true},
        {"杰", "jie"},
        {"娟", "juan", true},
        {"涛", "tao"},
        {"明", "ming"},
        {"超", "chao"},
        {"秀兰", "xiulan", true},
        {"霞", "xia", true},
        {"建华", "jianhua"},
        {"晓明", "xiaoming"},
        {"嘉怡", "jiayi", true},
        {"子轩", "zixuan"},
        {"雨桐", "yutong", true},
        {"浩然", "haoran"}},
       {{"王", "wang"},     {"李", "li"},    {"张", "zhang"}, {"刘", "liu"}, {"陈", "chen"},
        {"杨", "yang"},     {"黄", "huang"}, {"赵", "zhao"},  {"吴", "wu"},  {"周", "zhou"},
        {"徐", "xu"},       {"孙", "sun"},   {"马", "ma"},    {"朱", "zhu"}, {"胡", "hu"},
        {"郭", "guo"},      {"何", "he"},    {"林", "lin"},   {"罗", "luo"}, {"高", "gao"},
        {"欧阳", "ouyang"}, {"司马", "sima"}},
       {"CN"},
       {"qq.com", "qq.com", "qq.com", "163.com", "163.com", "126.com", "sina.com", "gmail.com"},
       {{"{L}氏贸易有限公司", "{l}-trading"},
        {"{L}记实业有限公司", "{l}-industrial"},
        {"{L}氏科技有限公司", "{l}-tech"}}},
      {"japanese",
       4,
       true,
       false,
       0.1,
       "ja",
       {{"美咲", "misaki", true},   {"翔太", "shota"},          {"陽菜", "hina", true},
        {"大輝", "daiki"},          {"さくら", "sakura", true}, {"蓮", "ren"},
        {"結衣", "yui", true},      {"悠斗", "yuto"},           {"葵", "aoi", true},
        {"健太", "kenta"},          {"愛", "ai", true},         {"拓海", "takumi"},
        {"七海", "nanami", true},   {"直樹", "naoki"},          {"由美", "yumi", true},
        {"浩二", "koji"},           {"恵子", "keiko", true},    {"誠", "makoto"},
        {"ひなた", "hinata", true}, {"ゆうき", "yuki"}},
       {{"佐藤", "sato"},      {"鈴木", "suzuki"},    {"高橋", "takahashi"}, {"田中", "tanaka"},
        {"伊藤", "ito"},       {"渡辺", "watanabe"},  {"山本", "yamamoto"},  {"中村", "nakamura"},
        {"小林", "kobayashi"}, {"加藤", "kato"},      {"吉田", "yoshida"},   {"山田", "yamada"},
        {"佐々木", "sasaki"},  {"山口", "yamaguchi"}, {"松本", "matsumoto"}, {"井上", "inoue"},
        {"木村", "kimura"},    {"林", "hayashi"},     {"清水", "shimizu"},   {"斎藤", "saito"}},
       {"JP"},
       {"gmail.com", "yahoo.co.jp", "yahoo.co.jp", "docomo.ne.jp", "icloud.com", "outlook.jp"},
       {{"株式会社{L}商事", "{l}-shoji"},
        {"{L}工業株式会社", "{l}-kogyo"},
        {"{L}物産株式会社", "{l}-bussan"}}},
      {"korean",
       3,
       true,
       false,
       0.1,
       "ko",
       {{"민준", "minjun"},
        {"서연", "seoyeon", true},
        {"지훈", "jihoon"},
        {"하은", "haeun", true},
        {"도윤", "doyun"},
        {"수빈", "subin", true},
        {"예준", "yejun"},
        {"지민", "jimin", true},
        {"현우", "hyunwoo"},
        {"서윤", "seoyun", true},
        {"준서", "junseo"},
        {"지우", "jiwoo", true},
        {"은지", "eunji", true},
        {"성민", "sungmin"},
        {"유진", "yujin", true},
        {"혜진", "hyejin", true}},
       {{"김", "kim"},
        {"이", "lee"},
        {"박", "park"},
        {"최", "choi"},
        {"정", "jung"},
        {"강", "kang"},
        {"조", "cho"},
        {"윤", "yoon"},
        {"장", "jang"},
        {"임", "lim"},
        {"한", "han"},
        {"오", "oh"},
        {"서", "seo"},
        {"신", "shin"},
        {"권", "kwon"},
        {"남궁", "namgung"}},
       {"KR"},
       {"naver.com", "naver.com", "naver.com", "daum.net", "daum.net", "gmail.com", "kakao.com"},
       {{"{L}상사", "{l}-sangsa"}, {"(주){L}무역", "{l}-trade"}, {"{L}전자", "{l}-electronics"}}},
  };
  return all;
}

// ---------------------------------------------------------------------------------------
// Companies, employers, addresses.

const std::vector<CompanyTemplate>& latin_companies() {
  static const std::vector<CompanyTemplate> all = {
      {"{L} {I} {S}", "{l}-{i}"}, {"{L} & {L2} {S}", "{l}-{l2}"},
      {"{A} {I} {S}", "{a}-{i}"}, {"{L} {I}", "{l}{i}"},
      {"{A} {I}", "{a}{i}"},      {"{L} & Sons {S}", "{l}-and-sons"},
  };
  return all;
}

const std::vector<const char*>& industries() {
  static const std::vector<const char*> all = {
      "Hardware",    "Logistics", "Traders",     "Pharmacy",   "Supermarket", "Motors",
      "Electronics", "Agencies",  "Enterprises", "Builders",   "Foods",       "Textiles",
      "Consulting",  "Printers",  "Bakery",      "Agrovet",    "Auto Spares", "Distributors",
      "Holdings",    "Solutions", "Furniture",   "Stationers", "Hotels",      "Clinic"};
  return all;
}

const std::vector<const char*>& adjectives() {
  static const std::vector<const char*> all = {"Sunrise", "Highland",   "Savannah",  "Golden",
                                               "Summit",  "Pioneer",    "Evergreen", "Coastal",
                                               "Metro",   "Unity",      "Crown",     "Royal",
                                               "Prime",   "Greenfield", "Lakeview",  "Northstar"};
  return all;
}

struct Employer {
  const char* name;
  const char* domain;
};

const std::vector<Employer>& employers() {
  static const std::vector<Employer> all = {
      {"Globex Corporation", "globex.com"},
      {"Initech", "initech.com"},
      {"Umbrella Group", "umbrella-group.com"},
      {"Northwind Traders", "northwindtraders.com"},
      {"Contoso", "contoso.com"},
      {"Fabrikam", "fabrikam.com"},
      {"Tailspin Toys", "tailspintoys.com"},
      {"Wingtip Toys", "wingtiptoys.com"},
      {"Adventure Works", "adventure-works.com"},
      {"Litware", "litwareinc.com"},
      {"Proseware", "proseware.com"},
      {"Lucerne Publishing", "lucernepublishing.com"},
      {"Wide World Importers", "wideworldimporters.com"},
      {"Blue Yonder Airlines", "blueyonderairlines.com"},
      {"Coho Winery", "cohowinery.com"},
      {"Fourth Coffee", "fourthcoffee.com"},
      {"Alpine Ski House", "alpineskihouse.com"},
      {"Trey Research", "treyresearch.net"},
      {"Woodgrove Bank", "woodgrovebank.com"},
      {"Savanna Logistics", "savanna-logistics.co.ke"},
      {"Rift Valley Tea", "riftvalleytea.co.ke"},
      {"Kilimanjaro Freight", "kilimanjaro-freight.co.tz"},
      {"Lakeside Dairies", "lakeside-dairies.co.ug"},
      {"Baobab Health", "baobabhealth.org"},
  };
  return all;
}

struct City {
  const char* name;
  const char* state;
};

struct CountryProfile {
  const char* code;
  const char* tld;
  std::vector<const char*> company_suffixes;
  std::vector<City> cities;
  std::vector<const char*> streets;
  const char* line1;   // {n} house number, {s} street, {m} a small number
  const char* postal;  // '#' a digit, 'A' a letter; empty: none
};

const std::vector<CountryProfile>& country_profiles() {
  static const std::vector<CountryProfile> all = {
      {"KE",
       "co.ke",
       {"Ltd", "Limited"},
       {{"Nairobi", ""},
        {"Mombasa", ""},
        {"Kisumu", ""},
        {"Nakuru", ""},
        {"Eldoret", ""},
        {"Thika", ""},
        {"Nyeri", ""},
        {"Machakos", ""}},
       {"Moi Avenue", "Kenyatta Avenue", "Ngong Road", "Waiyaki Way", "Mombasa Road",
        "Kimathi Street", "Tom Mboya Street", "Oginga Odinga Street"},
       "{n} {s}",
       "#####"},
      {"UG",
       "co.ug",
       {"Ltd", "Limited"},
       {{"Kampala", ""}, {"Entebbe", ""}, {"Jinja", ""}, {"Gulu", ""}, {"Mbarara", ""}},
       {"Kampala Road", "Jinja Road", "Bombo Road", "Acacia Avenue"},
       "Plot {n}, {s}",
       ""},
      {"TZ",
       "co.tz",
       {"Ltd", "Limited"},
       {{"Dar es Salaam", ""}, {"Arusha", ""}, {"Dodoma", ""}, {"Mwanza", ""}, {"Zanzibar", ""}},
       {"Samora Avenue", "Bibi Titi Mohamed Street", "Nyerere Road", "Ali Hassan Mwinyi Road"},
       "{n} {s}",
       "#####"},
      {"NG",
       "com.ng",
       {"Ltd", "Limited", "Nig. Ltd"},
       {{"Lagos", "Lagos"},
        {"Abuja", "FCT"},
        {"Ibadan", "Oyo"},
        {"Kano", "Kano"},
        {"Port Harcourt", "Rivers"},
        {"Enugu", "Enugu"}},
       {"Adeola Odeku Street", "Awolowo Road", "Allen Avenue", "Herbert Macaulay Way",
        "Ahmadu Bello Way"},
       "{n} {s}",
       "######"},
      {"GH",
       "com.gh",
       {"Ltd", "Limited"},
       {{"Accra", "Greater Accra"},
        {"Kumasi", "Ashanti"},
        {"Tamale", "Northern"},
        {"Takoradi", "Western"}},
       {"Oxford Street", "Independence Avenue", "Liberation Road", "Kwame Nkrumah Avenue"},
       "{n} {s}",
       ""},
      {"ZA",
       "co.za",
       {"(Pty) Ltd"},
       {{"Johannesburg", "Gauteng"},
        {"Cape Town", "Western Cape"},
        {"Durban", "KwaZulu-Natal"},
        {"Pretoria", "Gauteng"},
        {"Gqeberha", "Eastern Cape"}},
       {"Long Street", "Jan Smuts Avenue", "Florida Road", "Church Street", "Main Road"},
       "{n} {s}",
       "####"},
      {"US",
       "com",
       {"LLC", "Inc."},
       {{"New York", "NY"},
        {"Los Angeles", "CA"},
        {"Chicago", "IL"},
        {"Houston", "TX"},
        {"Phoenix", "AZ"},
        {"Seattle", "WA"},
        {"Atlanta", "GA"},
        {"Boston", "MA"}},
       {"Main Street", "Oak Avenue", "Maple Drive", "Broadway", "Elm Street", "Sunset Boulevard",
        "Park Avenue"},
       "{n} {s}",
       "#####"},
      {"GB",
       "co.uk",
       {"Ltd", "plc"},
       {{"London", ""},
        {"Manchester", ""},
        {"Birmingham", ""},
        {"Leeds", ""},
        {"Glasgow", ""},
        {"Bristol", ""},
        {"Edinburgh", ""}},
       {"High Street", "Station Road", "Church Lane", "Victoria Road", "King Street",
        "Baker Street"},
       "{n} {s}",
       "AA# #AA"},
      {"FR",
       "fr",
       {"SARL", "SAS"},
       {{"Paris", "Île-de-France"},
        {"Lyon", "Auvergne-Rhône-Alpes"},
        {"Marseille", "Provence-Alpes-Côte d'Azur"},
        {"Toulouse", "Occitanie"},
        {"Nantes", "Pays de la Loire"},
        {"Lille", "Hauts-de-France"}},
       {"rue de la République", "avenue des Champs-Élysées", "boulevard Saint-Germain",
        "rue du Faubourg Saint-Honoré", "rue Victor Hugo"},
       "{n} {s}",
       "#####"},
      {"ES",
       "es",
       {"S.L.", "S.A."},
       {{"Madrid", "Madrid"},
        {"Barcelona", "Cataluña"},
        {"Valencia", "Comunidad Valenciana"},
        {"Sevilla", "Andalucía"},
        {"Bilbao", "País Vasco"},
        {"Málaga", "Andalucía"}},
       {"Calle Mayor", "Gran Vía", "Paseo de la Castellana", "Avenida Diagonal", "Calle de Alcalá"},
       "{s}, {n}",
       "#####"},
      {"DE",
       "de",
       {"GmbH", "AG", "KG"},
       {{"Berlin", "Berlin"},
        {"München", "Bayern"},
        {"Hamburg", "Hamburg"},
        {"Köln", "Nordrhein-Westfalen"},
        {"Frankfurt am Main", "Hessen"},
        {"Stuttgart", "Baden-Württemberg"},
        {"Düsseldorf", "Nordrhein-Westfalen"}},
       {"Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestraße", "Lindenallee",
        "Königsallee", "Friedrichstraße"},
       "{s} {n}",
       "#####"},
      {"BR",
       "com.br",
       {"Ltda.", "S.A."},
       {{"São Paulo", "SP"},
        {"Rio de Janeiro", "RJ"},
        {"Belo Horizonte", "MG"},
        {"Salvador", "BA"},
        {"Curitiba", "PR"},
        {"Porto Alegre", "RS"},
        {"Brasília", "DF"}},
       {"Avenida Paulista", "Rua Augusta", "Rua Oscar Freire", "Avenida Atlântica",
        "Rua das Flores"},
       "{s}, {n}",
       "#####-###"},
      {"PL",
       "pl",
       {"Sp. z o.o.", "S.A."},
       {{"Warszawa", "mazowieckie"},
        {"Kraków", "małopolskie"},
        {"Łódź", "łódzkie"},
        {"Wrocław", "dolnośląskie"},
        {"Poznań", "wielkopolskie"},
        {"Gdańsk", "pomorskie"}},
       {"ul. Marszałkowska", "ul. Floriańska", "ul. Piotrkowska", "ul. Długa", "al. Jerozolimskie"},
       "{s} {n}",
       "##-###"},
      {"SE",
       "se",
       {"AB"},
       {{"Stockholm", ""}, {"Göteborg", ""}, {"Malmö", ""}, {"Uppsala", ""}},
       {"Drottninggatan", "Kungsgatan", "Storgatan", "Sveavägen"},
       "{s} {n}",
       "### ##"},
      {"TR",
       "com.tr",
       {"A.Ş.", "Ltd. Şti."},
       {{"İstanbul", ""}, {"Ankara", ""}, {"İzmir", ""}, {"Bursa", ""}, {"Antalya", ""}},
       {"İstiklal Caddesi", "Atatürk Bulvarı", "Bağdat Caddesi", "Cumhuriyet Caddesi"},
       "{s} No: {n}",
       "#####"},
      {"RU",
       "ru",
       {"ООО"},
       {{"Москва", ""},
        {"Санкт-Петербург", ""},
        {"Новосибирск", ""},
        {"Екатеринбург", ""},
        {"Казань", ""}},
       {"ул. Тверская", "Невский пр.", "ул. Ленина", "ул. Арбат", "пр. Мира"},
       "{s}, д. {n}",
       "######"},
      {"UA",
       "com.ua",
       {"ТОВ"},
       {{"Київ", ""}, {"Харків", ""}, {"Одеса", ""}, {"Львів", ""}, {"Дніпро", ""}},
       {"вул. Хрещатик", "вул. Сумська", "вул. Дерибасівська", "пр. Шевченка"},
       "{s}, {n}",
       "#####"},
      {"GR",
       "gr",
       {"Α.Ε."},
       {{"Αθήνα", "Αττική"},
        {"Θεσσαλονίκη", "Κεντρική Μακεδονία"},
        {"Πάτρα", "Δυτική Ελλάδα"},
        {"Ηράκλειο", "Κρήτη"}},
       {"Οδός Ερμού", "Λεωφόρος Συγγρού", "Οδός Πανεπιστημίου", "Οδός Τσιμισκή"},
       "{s} {n}",
       "### ##"},
      {"CY",
       "com.cy",
       {"Ltd"},
       {{"Λευκωσία", ""}, {"Λεμεσός", ""}, {"Λάρνακα", ""}},
       {"Οδός Μακαρίου", "Λεωφόρος Αρχιεπισκόπου"},
       "{s} {n}",
       "####"},
      {"EG",
       "com.eg",
       {"S.A.E."},
       {{"القاهرة", ""}, {"الإسكندرية", ""}, {"الجيزة", ""}, {"الأقصر", ""}},
       {"شارع التحرير", "شارع الهرم", "شارع طلعت حرب", "كورنيش النيل"},
       "{n} {s}",
       "#####"},
      {"AE",
       "ae",
       {"LLC", "FZE"},
       {{"Dubai", ""}, {"Abu Dhabi", ""}, {"Sharjah", ""}},
       {"Sheikh Zayed Road", "Al Wasl Road", "Hamdan Street", "Jumeirah Beach Road"},
       "{s}, Building {n}",
       ""},
      {"SA",
       "com.sa",
       {"LLC"},
       {{"الرياض", ""}, {"جدة", ""}, {"الدمام", ""}, {"مكة", ""}},
       {"طريق الملك فهد", "شارع التحلية", "طريق الملك عبدالعزيز"},
       "{n} {s}",
       "#####"},
      {"IN",
       "in",
       {"Pvt Ltd", "LLP"},
       {{"Mumbai", "Maharashtra"},
        {"Delhi", "Delhi"},
        {"Bengaluru", "Karnataka"},
        {"Chennai", "Tamil Nadu"},
        {"Kolkata", "West Bengal"},
        {"Hyderabad", "Telangana"},
        {"Pune", "Maharashtra"},
        {"Jaipur", "Rajasthan"}},
       {"MG Road", "Linking Road", "Brigade Road", "Park Street", "Anna Salai", "Nehru Place"},
       "{n}, {s}",
       "######"},
      {"CN",
       "com.cn",
       {"有限公司"},
       {{"北京市", ""},
        {"上海市", ""},
        {"广州市", "广东省"},
        {"深圳市", "广东省"},
        {"成都市", "四川省"},
        {"杭州市", "浙江省"}},
       {"南京东路", "长安街", "淮海中路", "天河路", "春熙路"},
       "{s}{n}号",
       "######"},
      {"JP",
       "co.jp",
       {"株式会社"},
       {{"千代田区", "東京都"},
        {"大阪市", "大阪府"},
        {"横浜市", "神奈川県"},
        {"名古屋市", "愛知県"},
        {"札幌市", "北海道"},
        {"福岡市", "福岡県"}},
       {"丸の内", "銀座", "神南", "梅田", "栄"},
       "{s}{m}-{n}",
       "###-####"},
      {"KR",
       "co.kr",
       {"주식회사"},
       {{"서울특별시", ""}, {"부산광역시", ""}, {"인천광역시", ""}, {"대구광역시", ""}},
       {"세종대로", "테헤란로", "강남대로", "해운대로"},
       "{s} {n}",
       "#####"},
  };
  return all;
}

const CountryProfile& fallback_profile() {
  static const CountryProfile profile = {
      "",
      "com",
      {"Ltd"},
      {{"Central District", ""}, {"Harbour Town", ""}, {"Riverside", ""}, {"Hillview", ""}},
      {"Main Street", "Market Road", "Station Road", "Church Street"},
      "{n} {s}",
      "#####"};
  return profile;
}

const CountryProfile& profile_of(const std::string& country) {
  for (const auto& profile : country_profiles()) {
    if (country == profile.code) return profile;
  }
  return fallback_profile();
}

const std::vector<const char*>& tag_pool() {
  static const std::vector<const char*> all = {
      "newsletter",     "newsletter", "newsletter", "loyalty",
      "loyalty",        "online",     "walk-in",    "referral",
      "trade-show",     "priority",   "late-payer", "key-account",
      "export",         "seasonal",   "whatsapp",   "black-friday-2025",
      "wholesale-club", "b2b"};
  return all;
}

// ---------------------------------------------------------------------------------------
// Phone numbers.

const PhoneNumberUtil& phone_util() {
  return *PhoneNumberUtil::GetInstance();
}

bool is_valid_mobile(const std::string& region, const std::string& country_code,
                     const std::string& national) {
  const auto& util = phone_util();
  PhoneNumber number;
  if (util.Parse("+" + country_code + national, "ZZ", &number) !=
      PhoneNumberUtil::NO_PARSING_ERROR) {
    return false;
  }
  if (!util.IsValidNumberForRegion(number, region)) return false;
  const auto type = util.GetNumberType(number);
  return type == PhoneNumberUtil::MOBILE || type == PhoneNumberUtil::FIXED_LINE_OR_MOBILE;
}

// Every digit in every free position, the extremes and some random fills: a block passes
// when each sample is a valid mobile number of the region.
bool block_is_valid(const std::string& region, const std::string& country_code,
                    const std::string& prefix, int free_digits) {
  Rng rng(hash_text(region + prefix) ^ static_cast<std::uint64_t>(free_digits));
  const auto random_fill = [&] {
    std::string digits;
    for (int i = 0; i < free_digits; ++i) digits += static_cast<char>('0' + rng.below(10));
    return digits;
  };
  std::vector<std::string> samples = {std::string(free_digits, '0'), std::string(free_digits, '9')};
  for (int position = 0; position < free_digits; ++position) {
    for (char digit = '0'; digit <= '9'; ++digit) {
      std::string fill = random_fill();
      fill[position] = digit;
      samples.push_back(std::move(fill));
    }
  }
  for (int i = 0; i < 8; ++i) samples.push_back(random_fill());
  return std::all_of(samples.begin(), samples.end(), [&](const std::string& suffix) {
    return is_valid_mobile(region, country_code, prefix + suffix);
  });
}

// A bijection of [0, size) for size = 10^k or 9 * 10^k: x -> (x * a + b) mod size with a
// coprime to 2, 3 and 5.
struct Scramble {
  std::int64_t size = 1;
  std::int64_t multiplier = 1;
  std::int64_t offset = 0;

  Scramble() = default;
  Scramble(std::int64_t range, std::uint64_t key) : size(range) {
    std::int64_t a = static_cast<std::int64_t>(mix64(key) % static_cast<std::uint64_t>(size));
    while (a % 2 == 0 || a % 3 == 0 || a % 5 == 0) ++a;
    multiplier = a;  // coprime to size (10^k or 9 * 10^k), so x -> x * a is a bijection
    offset = static_cast<std::int64_t>(mix64(key + 1) % static_cast<std::uint64_t>(size));
  }
  std::int64_t operator()(std::int64_t x) const {
    // Sizes stay below 10^9 (10^7 phone suffixes, email counters of a few digits): the
    // product fits in 64 bits.
    return static_cast<std::int64_t>(
        (static_cast<std::uint64_t>(x) * static_cast<std::uint64_t>(multiplier) +
         static_cast<std::uint64_t>(offset)) %
        static_cast<std::uint64_t>(size));
  }
};

struct RegionPhones {
  PhoneBlocks blocks;
  Scramble scramble;
  std::int64_t used = 0;

  std::optional<std::string> next() {
    if (blocks.prefixes.empty() || used >= blocks.capacity()) return std::nullopt;
    const auto count = static_cast<std::int64_t>(blocks.prefixes.size());
    const std::int64_t block = used % count;
    const std::int64_t within = used / count;
    ++used;
    return "+" + blocks.country_code + blocks.prefixes[static_cast<std::size_t>(block)] +
           zero_padded(scramble(within), blocks.free_digits);
  }
};

// ---------------------------------------------------------------------------------------
// Small helpers for rows.

std::string fill_pattern(const char* pattern, Rng& rng) {
  std::string text;
  for (const char* at = pattern; *at != '\0'; ++at) {
    if (*at == '#') {
      text += static_cast<char>('0' + rng.below(10));
    } else if (*at == 'A') {
      text += static_cast<char>('A' + rng.below(26));
    } else {
      text += *at;
    }
  }
  return text;
}

domain::Address make_address(const std::string& country, Rng& rng) {
  const CountryProfile& profile = profile_of(country);
  const City& city = rng.pick(profile.cities);
  std::string line1 = profile.line1;
  line1 = replace_all(line1, "{s}", rng.pick(profile.streets));
  line1 = replace_all(line1, "{n}", std::to_string(rng.between(1, 240)));
  line1 = replace_all(line1, "{m}", std::to_string(rng.between(1, 9)));
  domain::Address address;
  address.line1 = std::move(line1);
  if (rng.chance(0.25)) {
    static const std::vector<const char*> units = {"Apt {n}", "Suite {n}", "Floor {n}", "Unit {n}",
                                                   "Building {n}"};
    address.line2 = replace_all(rng.pick(units), "{n}", std::to_string(rng.between(1, 40)));
  }
  address.city = city.name;
  address.state = city.state;
  address.postal_code = fill_pattern(profile.postal, rng);
  address.country = country;
  return address;
}

// The suffix that makes an address unique: counters 1.. become numbers that look random,
// 10-99 first, then 100-999, and so on (one bijection per width).
std::string email_number(std::uint64_t counter, std::uint64_t key) {
  std::int64_t first = 1;
  std::int64_t width_size = 90;
  std::int64_t low = 10;
  auto c = static_cast<std::int64_t>(counter);
  while (c >= first + width_size) {
    first += width_size;
    width_size *= 10;
    low *= 10;
  }
  const Scramble scramble(width_size, key + static_cast<std::uint64_t>(low));
  return std::to_string(low + scramble(c - first));
}

bool takes_feminine_a(std::string_view surname) {
  for (const std::string_view ending : {"ов", "ев", "ёв", "ин"}) {
    if (surname.ends_with(ending)) return true;
  }
  return false;
}

// The code points of a UTF-8 string, as byte offsets (plus the end).
std::vector<std::size_t> code_point_offsets(std::string_view text) {
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets.push_back(i);
  }
  offsets.push_back(text.size());
  return offsets;
}

}  // namespace

std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::int64_t PhoneBlocks::capacity() const {
  return static_cast<std::int64_t>(prefixes.size()) * pow10(free_digits);
}

PhoneBlocks find_phone_blocks(const std::string& region, std::int64_t needed) {
  PhoneBlocks plan;
  plan.region = region;
  const auto& util = phone_util();
  PhoneNumber example;
  if (!util.GetExampleNumberForType(region, PhoneNumberUtil::MOBILE, &example)) return plan;
  std::string national;
  util.GetNationalSignificantNumber(example, &national);
  plan.country_code = std::to_string(example.country_code());
  const int length = static_cast<int>(national.size());
  for (int free = std::min(7, length - 2); free >= 2; --free) {
    const std::string base = national.substr(0, static_cast<std::size_t>(length - free));
    if (!block_is_valid(region, plan.country_code, base, free)) continue;
    plan.free_digits = free;
    plan.prefixes.push_back(base);
    // More blocks: the prefix with its last one, then two digits changed.
    for (int vary = 1; vary <= 2 && plan.capacity() < needed; ++vary) {
      if (static_cast<int>(base.size()) <= vary) break;
      const std::string stem = base.substr(0, base.size() - static_cast<std::size_t>(vary));
      for (std::int64_t v = 0; v < pow10(vary) && plan.capacity() < needed; ++v) {
        const std::string prefix = stem + zero_padded(v, vary);
        if (std::find(plan.prefixes.begin(), plan.prefixes.end(), prefix) != plan.prefixes.end())
          continue;
        if (block_is_valid(region, plan.country_code, prefix, free))
          plan.prefixes.push_back(prefix);
      }
    }
    break;
  }
  return plan;
}

struct Generator::State {
  Options options;
  std::uint64_t seed_key = 0;
  std::string id_random;  // 5 bytes
  std::int64_t next_index = 0;
  std::vector<int> culture_weights;  // with the business country's cultures boosted
  int total_weight = 0;
  std::vector<bool> home;  // culture i lists the business country
  std::vector<RegionPhones> regions;
  std::vector<PhoneBlocks> plan;
  std::unordered_map<std::uint64_t, std::uint32_t> email_counts;

  RegionPhones* region(const std::string& code) {
    for (auto& entry : regions) {
      if (entry.blocks.region == code) return &entry;
    }
    return nullptr;
  }
};

namespace {

constexpr double kHomeCountryShare = 0.85;    // people of the business country's cultures
constexpr double kAbroadCountryShare = 0.40;  // the others living there
constexpr double kPhoneShareIndividual = 0.90;
constexpr double kPhoneShareBusiness = 0.97;
constexpr int kHomeBoost = 60;

bool lists_country(const Culture& culture, const std::string& country) {
  return std::any_of(culture.countries.begin(), culture.countries.end(),
                     [&](const char* code) { return country == code; });
}

std::vector<const char*> other_countries(const Culture& culture, const std::string& business) {
  std::vector<const char*> others;
  for (const char* code : culture.countries) {
    if (business != code) others.push_back(code);
  }
  return others;
}

}  // namespace

Generator::Generator(Options options) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.options = std::move(options);
  s.seed_key = mix64(s.options.seed ^ 0x5eedda7a5eedda7aULL);
  const std::uint64_t id_bits = mix64(s.seed_key ^ hash_text(s.options.business.id));
  for (int i = 0; i < 5; ++i) s.id_random += static_cast<char>((id_bits >> (8 * i)) & 0xff);

  const auto& all = cultures();
  const std::string& country = s.options.business.country;
  std::map<std::string, double> shares;
  for (const auto& culture : all) {
    const bool home = lists_country(culture, country);
    s.home.push_back(home);
    s.culture_weights.push_back(culture.weight + (home ? kHomeBoost : 0));
    s.total_weight += s.culture_weights.back();
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    const double weight = static_cast<double>(s.culture_weights[i]) / s.total_weight;
    const double at_home = s.home[i] ? kHomeCountryShare : kAbroadCountryShare;
    const auto others = other_countries(all[i], country);
    shares[country] += weight * (others.empty() ? 1.0 : at_home);
    for (const char* code : others)
      shares[code] += weight * (1.0 - at_home) / static_cast<double>(others.size());
  }
  for (const auto& [code, share] : shares) {
    const auto needed =
        static_cast<std::int64_t>(std::ceil(static_cast<double>(s.options.count) * share * 1.1)) +
        1000;
    RegionPhones entry;
    entry.blocks = find_phone_blocks(code, needed);
    if (entry.blocks.free_digits > 0) {
      entry.scramble = Scramble(pow10(entry.blocks.free_digits), s.seed_key ^ hash_text(code));
    }
    s.plan.push_back(entry.blocks);
    s.regions.push_back(std::move(entry));
  }
}

Generator::~Generator() = default;

const std::vector<PhoneBlocks>& Generator::phone_plan() const {
  return state_->plan;
}

Customer Generator::next() {
  State& s = *state_;
  const std::int64_t index = s.next_index++;
  Rng rng(s.seed_key ^ mix64(static_cast<std::uint64_t>(index) + 0x9e3779b97f4a7c15ULL));
  const Business& business = s.options.business;
  const std::int64_t now = s.options.now_ms;
  const std::int64_t count = std::max<std::int64_t>(s.options.count, index + 1);

  Customer customer;
  customer.index = index;

  // When: in row order over three years, more of them lately.
  const double x =
      (static_cast<double>(index) + rng.unit()) / static_cast<double>(count);  // [0, 1)
  const double along = 0.5 * x + 0.5 * std::sqrt(x);
  customer.created_ms = now - kSpanMs + static_cast<std::int64_t>(along * kSpanMs);
  customer.created_ms = std::min(customer.created_ms, now);

  // Who: a culture, a country, a name.
  const auto& all = cultures();
  std::int64_t roll =
      static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(s.total_weight)));
  std::size_t culture_index = 0;
  while (roll >= s.culture_weights[culture_index]) roll -= s.culture_weights[culture_index++];
  const Culture& culture = all[culture_index];
  const auto others = other_countries(culture, business.country);
  const double at_home = s.home[culture_index] ? kHomeCountryShare : kAbroadCountryShare;
  customer.country =
      others.empty() || rng.chance(at_home) ? business.country : std::string(rng.pick(others));
  const CountryProfile& profile = profile_of(customer.country);

  const bool is_business = rng.chance(kBusinessShare);
  customer.type = is_business ? "business" : "individual";
  const bool latin = rng.chance(culture.latin_share);
  const Name& first = rng.pick(culture.first);
  const Name& last = rng.pick(culture.last);
  std::string last_display = last.display;
  std::string last_ascii = last.ascii;
  if (culture.feminine_surnames && first.female && takes_feminine_a(last_display)) {
    last_display += "а";
    last_ascii += "a";
  }

  std::string local;   // email local part, before its number
  std::string domain;  // email domain
  if (is_business) {
    const Name& partner = rng.pick(culture.last);
    const bool native = !latin && !culture.companies.empty();
    const CompanyTemplate& form =
        native ? rng.pick(culture.companies) : rng.pick(latin_companies());
    const std::string family = latin ? capitalised(last_ascii) : last_display;
    const std::string partner_name = latin ? capitalised(partner.ascii) : partner.display;
    const std::string industry = rng.pick(industries());
    const std::string adjective = rng.pick(adjectives());
    std::string display = form.display;
    display = replace_all(display, "{L2}", partner_name);
    display = replace_all(display, "{L}", family);
    display = replace_all(display, "{I}", industry);
    display = replace_all(display, "{A}", adjective);
    display = replace_all(display, "{S}", rng.pick(profile.company_suffixes));
    std::string company_slug = form.slug;
    company_slug = replace_all(company_slug, "{l2}", partner.ascii);
    company_slug = replace_all(company_slug, "{l}", last_ascii);
    company_slug = replace_all(company_slug, "{i}", slug(industry));
    company_slug = replace_all(company_slug, "{a}", slug(adjective));
    customer.name = display;
    customer.company_name = display;
    if (rng.chance(0.8)) {
      static const std::vector<const char*> roles = {"info",   "sales", "accounts", "office",
                                                     "orders", "hello", "admin",    "finance"};
      local = rng.pick(roles);
      domain = company_slug + "." + profile.tld;
    } else {
      local = replace_all(company_slug, "-", "");
      domain = rng.pick(culture.mail_domains);
    }
    if (rng.chance(0.6)) customer.website = "https://www." + company_slug + "." + profile.tld;
  } else {
    if (latin) {
      customer.name = capitalised(first.ascii) + " " + capitalised(last_ascii);
    } else if (culture.family_first) {
      customer.name = last_display + first.display;
    } else {
      customer.name = std::string(first.display) + " " + last_display;
    }
    const std::string f = first.ascii;
    const std::string& l = last_ascii;
    static const std::vector<int> pattern_weights = {30, 15, 12, 8, 8, 7, 5, 5};
    int pick = static_cast<int>(rng.below(90));
    std::size_t pattern = 0;
    while (pick >= pattern_weights[pattern]) pick -= pattern_weights[pattern++];
    switch (pattern) {
      case 0:
        local = f + "." + l;
        break;
      case 1:
        local = f + l;
        break;
      case 2:
        local = f.substr(0, 1) + l;
        break;
      case 3:
        local = f + "_" + l;
        break;
      case 4:
        local = l + "." + f;
        break;
      case 5:
        local = f;
        break;
      case 6:
        local = f + "." + l.substr(0, 1);
        break;
      default:
        local = f + "-" + l;
        break;
    }
    domain = rng.pick(culture.mail_domains);
    if (rng.chance(0.2)) {
      const Employer& employer = rng.pick(employers());
      customer.company_name = employer.name;
      if (rng.chance(0.6)) domain = employer.domain;
    }
  }
  // Unique: the n-th use of an address gets a number (names hold no digits, so the number
  // cannot merge two addresses).
  const std::string base = local + "@" + domain;
  const std::uint32_t uses = s.email_counts[hash_text(base)]++;
  customer.email =
      uses == 0 ? base : local + email_number(uses, s.seed_key ^ hash_text(base)) + "@" + domain;

  if (rng.chance(is_business ? kPhoneShareBusiness : kPhoneShareIndividual)) {
    if (RegionPhones* region = s.region(customer.country)) customer.phone = region->next();
  }

  // The rest of the record.
  if (rng.chance(is_business ? 0.8 : 0.08)) {
    customer.tax_id = customer.country == "KE"
                          ? "P0" + fill_pattern("########", rng) + fill_pattern("A", rng)
                          : customer.country + fill_pattern("#########", rng);
  }
  const double segment_roll = rng.unit();
  if (is_business) {
    customer.segment = segment_roll < 0.40   ? std::optional<std::string>("wholesale")
                       : segment_roll < 0.60 ? std::optional<std::string>("retail")
                       : segment_roll < 0.70 ? std::optional<std::string>("premium")
                       : segment_roll < 0.75 ? std::optional<std::string>("vip")
                                             : std::nullopt;
  } else {
    customer.segment = segment_roll < 0.40   ? std::optional<std::string>("retail")
                       : segment_roll < 0.55 ? std::optional<std::string>("premium")
                       : segment_roll < 0.61 ? std::optional<std::string>("vip")
                       : segment_roll < 0.65 ? std::optional<std::string>("wholesale")
                                             : std::nullopt;
  }
  const double tag_roll = rng.unit();
  const int tag_count = tag_roll < 0.45 ? 0 : tag_roll < 0.75 ? 1 : tag_roll < 0.93 ? 2 : 3;
  for (int i = 0; i < tag_count; ++i) {
    const std::string tag = rng.pick(tag_pool());
    if (std::find(customer.tags.begin(), customer.tags.end(), tag) == customer.tags.end())
      customer.tags.push_back(tag);
  }
  if (rng.chance(is_business ? 0.95 : 0.8)) {
    customer.billing_address = make_address(customer.country, rng);
    const double shipping_roll = rng.unit();
    if (shipping_roll < 0.45) {
      customer.shipping_address = customer.billing_address;
    } else if (shipping_roll < 0.60) {
      customer.shipping_address = make_address(customer.country, rng);
    }
  }
  static const std::vector<const char*> individual_terms = {
      "due_on_receipt", "due_on_receipt", "net_30", "net_30", "net_30", "net_7", "net_15"};
  static const std::vector<const char*> business_terms = {"net_30", "net_30", "net_30",
                                                          "net_60", "net_45", "net_15",
                                                          "net_7",  "net_90", "due_on_receipt"};
  customer.payment_terms = rng.pick(is_business ? business_terms : individual_terms);
  const std::int64_t unit = pow10(business.currency_digits);
  if (rng.chance(is_business ? 0.7 : 0.1)) {
    static const std::vector<std::int64_t> business_limits = {1000,  2500,  5000,   10000,
                                                              25000, 50000, 100000, 250000};
    static const std::vector<std::int64_t> individual_limits = {200, 500, 1000, 2000, 5000};
    customer.credit_limit_minor =
        rng.pick(is_business ? business_limits : individual_limits) * unit;
  }
  if (rng.chance(0.12)) {
    static const std::vector<std::int32_t> discounts = {250, 500, 750, 1000, 1250, 1500, 2000};
    customer.discount_rate_hundredths = rng.pick(discounts);
  }
  if (rng.chance(0.2)) {
    static const std::vector<const char*> shipping = {
        "DHL Express",   "FedEx International", "G4S Courier", "Store pickup",
        "Standard post", "Same-day courier",    "UPS Ground"};
    customer.preferred_shipping = rng.pick(shipping);
  }
  if (rng.chance(0.06)) {
    static const std::vector<const char*> notes = {
        "Prefers WhatsApp over email.",
        "VAT-exempt: certificate on file.",
        "Call before delivery; gate code at reception.",
        "Pays by bank transfer at month end.",
        "Met at the 2025 trade fair.\nInterested in bulk pricing.",
        "Do not send paper invoices."};
    customer.notes = rng.pick(notes);
  }
  static const std::vector<const char*> sources = {"web",    "web",      "pos",
                                                   "import", "referral", "mobile-app"};
  customer.metadata["source"] = rng.pick(sources);
  if (rng.chance(0.4)) customer.metadata["externalRef"] = "CRM-" + fill_pattern("######", rng);
  if (rng.chance(0.2)) customer.metadata["preferredLanguage"] = culture.language;

  // History: imported customers were customers before; some were edited; 10% deleted.
  customer.customer_since_ms = rng.chance(0.2)
                                   ? customer.created_ms - rng.between(kDayMs, kDayMs * 5 * 365)
                                   : customer.created_ms;
  customer.updated_ms = customer.created_ms;
  if (rng.chance(0.45) && now > customer.created_ms) {
    customer.updated_ms = rng.between(customer.created_ms, now);
    customer.version += static_cast<int>(rng.between(1, 4));
  }
  if (rng.chance(kInactiveShare)) {
    customer.deleted_ms = rng.between(customer.updated_ms, std::max(now, customer.updated_ms));
    customer.updated_ms = *customer.deleted_ms;
    customer.version += 1;
  }

  // The id: its creation second, 5 bytes of the seed and business, a 3-byte row counter
  // (rows beyond 2^24 change the last of the 5 bytes).
  const auto seconds = static_cast<std::uint32_t>(customer.created_ms / 1000);
  std::string raw;
  for (int shift = 24; shift >= 0; shift -= 8) raw += static_cast<char>((seconds >> shift) & 0xff);
  raw += s.id_random;
  raw.back() = static_cast<char>(static_cast<unsigned char>(raw.back()) ^
                                 static_cast<unsigned char>((index >> 24) & 0xff));
  for (int shift = 16; shift >= 0; shift -= 8) raw += static_cast<char>((index >> shift) & 0xff);
  static constexpr char kHex[] = "0123456789abcdef";
  for (const char byte : raw) {
    customer.id += kHex[(static_cast<unsigned char>(byte) >> 4) & 0xf];
    customer.id += kHex[static_cast<unsigned char>(byte) & 0xf];
  }
  return customer;
}

std::vector<std::string> name_fragments(const std::vector<std::string>& names, std::size_t limit) {
  std::vector<std::string> fragments;
  std::set<std::string> seen;
  const auto add = [&](std::string fragment) {
    for (char& ch : fragment) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
    }
    // Letters only: no spaces, digits or punctuation ("A.Ş.", "«", U+0080..U+00BF).
    const bool letters = std::all_of(fragment.begin(), fragment.end(), [](char ch) {
      return ((ch & 0x80) != 0 && ch != '\xC2') || (ch >= 'a' && ch <= 'z');
    });
    if (!letters) return;
    if (seen.insert(fragment).second) fragments.push_back(std::move(fragment));
  };
  std::size_t turn = 0;
  for (const auto& name : names) {
    if (fragments.size() >= limit) break;
    // Words of at least 4 code points: the first one's prefix (Latin letters only: the
    // database lower-cases the rest the same way under any locale), or an inner piece.
    std::size_t start = 0;
    bool first_word = true;
    while (start < name.size() && fragments.size() < limit) {
      std::size_t end = name.find(' ', start);
      if (end == std::string::npos) end = name.size();
      const std::string_view word(name.data() + start, end - start);
      const auto offsets = code_point_offsets(word);
      const std::size_t points = offsets.size() - 1;
      const std::size_t length = (turn % 2 == 0 || points < 5) ? 3 : 4;
      const bool ascii_word =
          std::all_of(word.begin(), word.end(), [](char ch) { return (ch & 0x80) == 0; });
      if (points >= 4) {
        if (first_word && ascii_word && turn % 3 == 0) {
          add(std::string(word.substr(0, offsets[length])));
        } else if (points >= length + 1) {
          add(std::string(word.substr(offsets[1], offsets[1 + length] - offsets[1])));
        }
        ++turn;
      }
      first_word = false;
      start = end + 1;
    }
  }
  return fragments;
}

}  // namespace capi::cli::seed_data
