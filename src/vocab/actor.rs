//! Who takes part: the kinds of actor, and the levels of client system.

use super::vocabulary;

vocabulary! {
    /// The kind of person or body acting on an engagement.
    ///
    /// Community development involves the social worker, the local community, donor agencies
    /// and related (government) agencies working together (Suharto 1997); case work adds the
    /// supervisor and the members of the client system. What each kind may do by default is
    /// the engagement's default permission table (`engagement::PERMISSIONS`).
    ///
    /// `#[non_exhaustive]`: programmes add parties (volunteers, village officials), and adding
    /// one must not break apps.
    ///
    /// ```
    /// use pendamping::{ActorKind, Lang};
    /// assert_eq!(ActorKind::Donor.label(Lang::Id), "Lembaga donor");
    /// ```
    #[non_exhaustive]
    pub enum ActorKind ("actor kind") {
        /// The social worker or community worker accompanying the client (*pendamping*).
        SocialWorker = "social_worker", en "Social worker", id "Pekerja sosial";
        /// The worker's supervisor (*supervisor*).
        Supervisor = "supervisor", en "Supervisor", id "Supervisor";
        /// A member of the client system (*anggota sistem klien*).
        ClientMember = "client_member", en "Client-system member", id "Anggota sistem klien";
        /// A representative of the local community (*wakil masyarakat setempat*).
        CommunityRepresentative = "community_representative",
            en "Community representative", id "Wakil masyarakat setempat";
        /// A donor agency (*lembaga donor*).
        Donor = "donor", en "Donor", id "Lembaga donor";
        /// A related (government or service) agency (*instansi terkait*).
        Agency = "agency", en "Agency", id "Instansi terkait";
    }
}

vocabulary! {
    /// The size of the client system an engagement follows, from one person to a whole
    /// community in a development project.
    ///
    /// Exhaustive on purpose: these are the standard levels of generalist practice.
    ///
    /// ```
    /// use pendamping::{ClientSystemLevel, Lang};
    /// assert_eq!(ClientSystemLevel::Community.label(Lang::Id), "Masyarakat");
    /// ```
    pub enum ClientSystemLevel ("client system level") {
        /// One person (*individu*).
        Individual = "individual", en "Individual", id "Individu";
        /// A family or household (*keluarga*).
        Family = "family", en "Family", id "Keluarga";
        /// A group (*kelompok*).
        Group = "group", en "Group", id "Kelompok";
        /// An organisation (*organisasi*).
        Organisation = "organisation", en "Organisation", id "Organisasi";
        /// A community (*masyarakat*, *komunitas*).
        Community = "community", en "Community", id "Masyarakat";
    }
}
