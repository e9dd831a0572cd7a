//! Resources: what kind they are, what keeps a client from them, and how a worker manages them.

use super::vocabulary;

vocabulary! {
    /// The three kinds of resource (*sumber*) a client and worker can use in problem solving.
    ///
    /// A resource is anything that helps. Payne's principle, "making the best of the client's
    /// resources", means the client's own strengths are recorded next to what is missing.
    ///
    /// Exhaustive on purpose: the framework's classification has exactly three kinds.
    ///
    /// ```
    /// use pendamping::{Lang, ResourceKind};
    /// assert_eq!(ResourceKind::Interpersonal.label(Lang::Id), "Sumber interpersonal");
    /// ```
    pub enum ResourceKind ("resource kind") {
        /// Personal resources (*sumber personal*): knowledge, motivation, life experience.
        Personal = "personal", en "Personal resource", id "Sumber personal";
        /// Interpersonal resources (*sumber interpersonal*): support from natural helping
        /// networks (family, neighbours) and from formal interaction with others.
        Interpersonal = "interpersonal", en "Interpersonal resource", id "Sumber interpersonal";
        /// Social resources (*sumber sosial*): institutional responses that support the welfare
        /// of the client and the community (services, programmes, benefits).
        Social = "social", en "Social resource", id "Sumber sosial";
    }
}

vocabulary! {
    /// Why a client cannot reach a resource.
    ///
    /// Suharto names two: the resource does not exist nearby, or it exists but is out of reach
    /// for economic or bureaucratic reasons. The others are the ones field workers meet daily,
    /// recorded so that a broker or advocate knows what to work on.
    ///
    /// `#[non_exhaustive]`: programmes keep discovering barriers worth counting apart; adding one
    /// must not break apps. [`Barrier::Other`] catches the rest.
    ///
    /// ```
    /// use pendamping::Barrier;
    /// assert_eq!("Dokumen tidak lengkap".parse::<Barrier>()?, Barrier::MissingDocuments);
    /// # Ok::<(), pendamping::ParseError>(())
    /// ```
    #[non_exhaustive]
    pub enum Barrier ("barrier") {
        /// The resource does not exist near the client (*tidak tersedia di sekitar*).
        NotAvailableLocally = "not_available_locally",
            en "Not available locally", id "Tidak tersedia di sekitar";
        /// The client cannot afford it: fees, lost wages, hidden costs (*alasan ekonomi*).
        Economic = "economic", en "Economic", id "Alasan ekonomi";
        /// Procedures, rules or officials stand in the way (*alasan birokrasi*).
        Bureaucratic = "bureaucratic", en "Bureaucratic", id "Alasan birokrasi";
        /// Too far, or no transport (*jarak atau transportasi*).
        DistanceOrTransport = "distance_or_transport",
            en "Distance or transport", id "Jarak atau transportasi";
        /// Identity card, family card, birth certificate or other papers are missing
        /// (*dokumen tidak lengkap*).
        MissingDocuments = "missing_documents", en "Missing documents", id "Dokumen tidak lengkap";
        /// The service does not speak the client's language (*bahasa*).
        Language = "language", en "Language", id "Bahasa";
        /// Stigma or discrimination (*stigma atau diskriminasi*).
        StigmaOrDiscrimination = "stigma_or_discrimination",
            en "Stigma or discrimination", id "Stigma atau diskriminasi";
        /// The place or service is not accessible to a person with a disability
        /// (*aksesibilitas disabilitas*).
        Accessibility = "accessibility", en "Disability access", id "Aksesibilitas disabilitas";
        /// The client does not know the resource exists or how to use it (*kurang informasi*).
        Information = "information", en "Lack of information", id "Kurang informasi";
        /// Opening hours clash with work or care duties (*waktu atau jadwal*).
        Schedule = "schedule", en "Time or schedule", id "Waktu atau jadwal";
        /// The service is full or has a waiting list (*kapasitas penuh*).
        Capacity = "capacity", en "Capacity full", id "Kapasitas penuh";
        /// Something else; say what in the record's notes (*lainnya*).
        Other = "other", en "Other", id "Lainnya";
    }
}

vocabulary! {
    /// How a worker manages a resource (*manajemen sumber*).
    ///
    /// Management in Suharto's sense is coordinating, systematising and integrating, and also
    /// guiding, leading and collaborating with the people served; explicitly **not**
    /// controlling or directing, which is why no such variant exists.
    ///
    /// Exhaustive on purpose: these six are the seed's definition of the word.
    ///
    /// ```
    /// use pendamping::{Lang, ManagementMode};
    /// assert_eq!(ManagementMode::Coordinating.label(Lang::Id), "Pengkoordinasian");
    /// ```
    pub enum ManagementMode ("management mode") {
        /// Coordinating (*pengkoordinasian*).
        Coordinating = "coordinating", en "Coordinating", id "Pengkoordinasian";
        /// Systematising (*pensistematisasian*).
        Systematising = "systematising", en "Systematising", id "Pensistematisasian";
        /// Integrating (*pengintegrasian*).
        Integrating = "integrating", en "Integrating", id "Pengintegrasian";
        /// Guiding (*pembimbingan*).
        Guiding = "guiding", en "Guiding", id "Pembimbingan";
        /// Leading (*kepemimpinan*).
        Leading = "leading", en "Leading", id "Kepemimpinan";
        /// Collaborating with the people served (*kolaborasi*).
        Collaborating = "collaborating", en "Collaborating", id "Kolaborasi";
    }
}
